package dev.portcullis.adapters.keycloak.push;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A phone being added: the one-time code in the QR, then the device and key the companion
 * registered, then the test push it must approve. The key becomes a credential only once the
 * test push is approved with the right number.
 *
 * @param handle what the enrolment page polls (never shown to the phone)
 */
public record Enrolment(String handle, String token, String realmId, String userId, State state,
        Optional<String> deviceId, Optional<String> deviceName, Optional<String> publicKey,
        Optional<String> challengeId, Challenge.SignInContext context) {

    /** Where an enrolment stands. */
    public enum State {
        WAITING("waiting"),
        TESTING("testing"),
        DONE("done"),
        FAILED("failed");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public Enrolment registered(String device, String name, String spki, String challenge) {
        return new Enrolment(handle, token, realmId, userId, State.TESTING, Optional.of(device), Optional.of(name),
                Optional.of(spki), Optional.of(challenge), context);
    }

    public Enrolment in(State next) {
        return new Enrolment(handle, token, realmId, userId, next, deviceId, deviceName, publicKey, challengeId, context);
    }

    Map<String, String> notes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("handle", handle);
        notes.put("token", token);
        notes.put("realmId", realmId);
        notes.put("userId", userId);
        notes.put("state", state.wire());
        deviceId.ifPresent(v -> notes.put("deviceId", v));
        deviceName.ifPresent(v -> notes.put("deviceName", v));
        publicKey.ifPresent(v -> notes.put("publicKey", v));
        challengeId.ifPresent(v -> notes.put("challengeId", v));
        context.into(notes);
        return notes;
    }

    static Enrolment of(Map<String, String> notes) {
        State state = State.WAITING;
        for (State s : State.values()) {
            if (s.wire().equals(notes.get("state"))) {
                state = s;
            }
        }
        return new Enrolment(notes.get("handle"), notes.get("token"), notes.get("realmId"), notes.get("userId"), state,
                Optional.ofNullable(notes.get("deviceId")), Optional.ofNullable(notes.get("deviceName")),
                Optional.ofNullable(notes.get("publicKey")), Optional.ofNullable(notes.get("challengeId")),
                Challenge.SignInContext.from(notes));
    }
}
