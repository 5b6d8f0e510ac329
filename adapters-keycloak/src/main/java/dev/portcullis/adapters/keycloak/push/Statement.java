package dev.portcullis.adapters.keycloak.push;

import java.time.Instant;

/**
 * What a companion signs. Each statement is a fixed, line-separated text with a version tag, so
 * a signature for one purpose can never be read as another (a poll is not an approval).
 */
public sealed interface Statement {

    String text();

    /** "Add this device": proves the companion holds the key it registers. */
    record Enrol(String token, String deviceId) implements Statement {
        @Override
        public String text() {
            return "portcullis-push-enrol-v1\n" + token + "\n" + deviceId;
        }
    }

    /** "Anything waiting for me?": the authenticated channel the companion fetches challenges over. */
    record Poll(String userId, String deviceId, Instant time) implements Statement {
        @Override
        public String text() {
            return "portcullis-push-poll-v1\n" + userId + "\n" + deviceId + "\n" + time.getEpochSecond();
        }
    }

    /** The answer to one challenge: the number the user typed and what they decided. */
    record Answer(String challengeId, String nonce, String numberTyped, Decision decision, Instant time)
            implements Statement {
        @Override
        public String text() {
            return "portcullis-push-answer-v1\n" + challengeId + "\n" + nonce + "\n" + numberTyped + "\n"
                    + decision.wire() + "\n" + time.getEpochSecond();
        }
    }

    /** What the user answered on the phone. */
    enum Decision {
        APPROVE("approve"),
        DENY("deny"),
        /** "No, it's not me" and report it: the account is treated as compromised. */
        REPORT("report");

        private final String wire;

        Decision(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static java.util.Optional<Decision> of(String wire) {
            for (Decision d : values()) {
                if (d.wire.equals(wire)) {
                    return java.util.Optional.of(d);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
