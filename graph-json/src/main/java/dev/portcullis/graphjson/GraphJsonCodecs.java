package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
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
    public static DocumentCodecs all(UserRiskAssessor assessor, Clock clock) {
        PolicyCodec policies = PolicyCodec.instance();
        AuthenticationStrengthCodec strengths = AuthenticationStrengthCodec.instance();
        RiskyUserCodec riskyUsers = RiskyUserCodec.instance();
        return new DocumentCodecs(
                codec(policies::write, tree -> policies.read(tree, ReadMode.LENIENT)),
                codec(NamedLocationCodec.instance()::write, NamedLocationCodec.instance()::read),
                codec(strengths::write, tree -> strengths.read(tree, ReadMode.LENIENT)),
                codec(DeviceCodec.instance()::write, DeviceCodec.instance()::read),
                codec(user -> {
                    Instant now = clock.instant();
                    return riskyUsers.write(user, user.assess(assessor, now), user.riskState(assessor, now));
                }, riskyUsers::read),
                codec(AlertCodec.instance()::write, AlertCodec.instance()::read),
                SecurityDefaultsJson.instance().codec(), TemporaryAccessPassJson.instance().codec());
    }

    private static <T> DocumentCodec<T> codec(Function<T, JsonNode> write, Function<JsonNode, Parsed<T>> read) {
        JsonText json = JsonText.shared();
        return new DocumentCodec<>() {
            @Override
            public String encode(T value) {
                return json.text(write.apply(value));
            }

            @Override
            public T decode(String stored) {
                return read.apply(json.parse(stored.getBytes(StandardCharsets.UTF_8)).orElseThrow()).orElseThrow();
            }
        };
    }
}
