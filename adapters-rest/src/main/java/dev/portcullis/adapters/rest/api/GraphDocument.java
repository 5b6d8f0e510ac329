package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.References;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.graphjson.AuthenticationStrengthCodec;
import dev.portcullis.graphjson.DeviceCodec;
import dev.portcullis.graphjson.NamedLocationCodec;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.PolicyCodec;
import dev.portcullis.graphjson.ReadMode;
import java.util.function.Function;

/**
 * How one kind of document looks in Graph: its collection's {@code @odata.context}, and how a person names one, how it is
 * read (strictly or not, against the references stored now) and written.
 *
 * @param dated whether Graph's resource carries a read-only {@code modifiedDateTime} (a device does not)
 */
record GraphDocument<T>(String noun, String odataContext, Reader<T> reader, Function<T, ObjectNode> writer, boolean dated) {

    @FunctionalInterface
    interface Reader<T> {
        Parsed<T> read(JsonNode tree, ReadMode mode, References references);
    }

    private static final String CONDITIONAL_ACCESS = "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/";

    static GraphDocument<dev.portcullis.core.policy.ConditionalAccessPolicy> policies() {
        PolicyCodec policies = PolicyCodec.instance();
        return new GraphDocument<>("policy", CONDITIONAL_ACCESS + "policies",
                (tree, mode, refs) -> policies.read(tree, mode, refs.namedLocations(), refs.strengths()),
                policies::write, true);
    }

    static GraphDocument<dev.portcullis.core.location.NamedLocation> namedLocations() {
        NamedLocationCodec locations = NamedLocationCodec.instance();
        return new GraphDocument<>("named location", CONDITIONAL_ACCESS + "namedLocations", (tree, mode, refs) -> locations.read(tree),
                locations::write, true);
    }

    static GraphDocument<dev.portcullis.core.method.AuthenticationStrength> strengths() {
        AuthenticationStrengthCodec strengths = AuthenticationStrengthCodec.instance();
        return new GraphDocument<>("authentication strength", CONDITIONAL_ACCESS + "authenticationStrength/policies",
                (tree, mode, refs) -> strengths.read(tree, mode), strengths::write, true);
    }

    static GraphDocument<dev.portcullis.core.device.Device> devices() {
        DeviceCodec devices = DeviceCodec.instance();
        return new GraphDocument<>("device", "https://graph.microsoft.com/v1.0/$metadata#devices",
                (tree, mode, refs) -> devices.read(tree), devices::write, false);
    }

    Parsed<T> read(JsonNode tree, boolean strict, References references) {
        return reader.read(tree, strict ? ReadMode.STRICT : ReadMode.LENIENT, references);
    }

    ObjectNode write(T value) {
        return writer.apply(value);
    }

    /** The document as a GET answers it: with when it last changed, where Graph's resource says so. */
    ObjectNode write(Versioned<T> document) {
        ObjectNode node = write(document.value());
        document.modifiedAt().filter(at -> dated).ifPresent(at -> node.put("modifiedDateTime", at.toString()));
        return node;
    }
}
