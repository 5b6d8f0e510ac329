package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.port.out.DocumentCodec;
import dev.portcullis.core.port.out.DocumentCodecs;
import dev.portcullis.core.risk.UserRiskAssessor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * Every stored document as its Graph JSON. Stored documents were validated when written, so
 * decoding reads leniently (a reference is checked when a policy is written, not when it is read).
 */
public final class GraphJsonCodecs {

    private GraphJsonCodecs() {}

    /** @param clock what "now" is when a user's risk is written with its current assessment */
    public static DocumentCodecs all(GraphJson json, UserRiskAssessor assessor, Clock clock) {
        return new DocumentCodecs(
                codec(json, json::writePolicy, tree -> json.readPolicy(tree, ReadMode.LENIENT)),
                codec(json, json::writeNamedLocation, json::readNamedLocation),
                codec(json, json::writeAuthenticationStrength, tree -> json.readAuthenticationStrength(tree, ReadMode.LENIENT)),
                codec(json, json::writeDevice, json::readDevice),
                codec(json, user -> {
                    Instant now = clock.instant();
                    return json.writeRiskyUser(user, user.assess(assessor, now), user.riskState(assessor, now));
                }, json::readRiskyUser),
                codec(json, json::writeAlertTree, json::readAlert));
    }

    private static <T> DocumentCodec<T> codec(GraphJson json, Function<T, JsonNode> write,
            Function<JsonNode, Parsed<T>> read) {
        return new DocumentCodec<>() {
            @Override
            public String encode(T value) {
                return new String(json.bytes(write.apply(value)), StandardCharsets.UTF_8);
            }

            @Override
            public T decode(String stored) {
                return read.apply(json.parse(stored.getBytes(StandardCharsets.UTF_8)).orElseThrow()).orElseThrow();
            }
        };
    }
}
