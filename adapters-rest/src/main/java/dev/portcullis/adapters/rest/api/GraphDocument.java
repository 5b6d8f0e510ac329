package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.References;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.ReadMode;
import java.util.function.Function;

/**
 * How one kind of document looks in Graph: its collection's {@code @odata.context}, and how a person names one, how it is
 * read (strictly or not, against the references stored now) and written.
 */
record GraphDocument<T>(String noun, String odataContext, Reader<T> reader, Function<T, ObjectNode> writer) {

    @FunctionalInterface
    interface Reader<T> {
        Parsed<T> read(JsonNode tree, ReadMode mode, References references);
    }

    private static final String CONDITIONAL_ACCESS = "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/";

    static GraphDocument<dev.portcullis.core.policy.ConditionalAccessPolicy> policies(GraphJson json) {
        return new GraphDocument<>("policy", CONDITIONAL_ACCESS + "policies",
                (tree, mode, refs) -> json.readPolicy(tree, mode, refs.namedLocations(), refs.strengths()),
                json::writePolicy);
    }

    static GraphDocument<dev.portcullis.core.location.NamedLocation> namedLocations(GraphJson json) {
        return new GraphDocument<>("named location", CONDITIONAL_ACCESS + "namedLocations", (tree, mode, refs) -> json.readNamedLocation(tree),
                json::writeNamedLocation);
    }

    static GraphDocument<dev.portcullis.core.method.AuthenticationStrength> strengths(GraphJson json) {
        return new GraphDocument<>("authentication strength", CONDITIONAL_ACCESS + "authenticationStrength/policies",
                (tree, mode, refs) -> json.readAuthenticationStrength(tree, mode), json::writeAuthenticationStrength);
    }

    static GraphDocument<dev.portcullis.core.device.Device> devices(GraphJson json) {
        return new GraphDocument<>("device", "https://graph.microsoft.com/v1.0/$metadata#devices",
                (tree, mode, refs) -> json.readDevice(tree), json::writeDevice);
    }

    Parsed<T> read(JsonNode tree, boolean strict, References references) {
        return reader.read(tree, strict ? ReadMode.STRICT : ReadMode.LENIENT, references);
    }

    ObjectNode write(T value) {
        return writer.apply(value);
    }
}
