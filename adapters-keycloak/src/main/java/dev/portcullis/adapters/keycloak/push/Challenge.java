package dev.portcullis.adapters.keycloak.push;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One push: the number the login page shows, the nonce the answer must carry, what the phone
 * shows about the sign-in, and where it stands. Kept in Keycloak's single-use object store, so
 * any node of a cluster can take the answer.
 *
 * @param boundTo what may consume the approval: {@code login:<root session>.<tab>} or {@code enrolment:<handle>}
 */
public record Challenge(String id, String realmId, String userId, String number, String nonce, Status status,
        String boundTo, SignInContext context, Instant createdAt, Instant expiresAt) {

    /** Where a challenge stands. Everything but pending is final. */
    public enum Status {
        PENDING("pending"),
        APPROVED("approved"),
        DENIED("denied"),
        WRONG_NUMBER("wrongNumber"),
        REPORTED("reported");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Status of(String wire) {
            for (Status s : values()) {
                if (s.wire.equals(wire)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown status " + wire);
        }
    }

    /** What the phone shows so the user can tell their own sign-in from someone else's. */
    public record SignInContext(String clientId, String application, String ipAddress, Optional<String> country,
            String browser, String platform, boolean test) {

        void into(Map<String, String> notes) {
            notes.put("clientId", clientId);
            notes.put("application", application);
            notes.put("ipAddress", ipAddress);
            country.ifPresent(c -> notes.put("country", c));
            notes.put("browser", browser);
            notes.put("platform", platform);
            notes.put("test", Boolean.toString(test));
        }

        static SignInContext from(Map<String, String> notes) {
            return new SignInContext(notes.get("clientId"), notes.get("application"), notes.get("ipAddress"),
                    Optional.ofNullable(notes.get("country")), notes.get("browser"), notes.get("platform"),
                    Boolean.parseBoolean(notes.get("test")));
        }
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Challenge with(Status next) {
        return new Challenge(id, realmId, userId, number, nonce, next, boundTo, context, createdAt, expiresAt);
    }

    Map<String, String> notes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("id", id);
        notes.put("realmId", realmId);
        notes.put("userId", userId);
        notes.put("number", number);
        notes.put("nonce", nonce);
        notes.put("status", status.wire());
        notes.put("boundTo", boundTo);
        context.into(notes);
        notes.put("createdAt", Long.toString(createdAt.toEpochMilli()));
        notes.put("expiresAt", Long.toString(expiresAt.toEpochMilli()));
        return notes;
    }

    static Challenge of(Map<String, String> notes) {
        return new Challenge(notes.get("id"), notes.get("realmId"), notes.get("userId"), notes.get("number"),
                notes.get("nonce"), Status.of(notes.get("status")), notes.get("boundTo"),
                SignInContext.from(notes),
                Instant.ofEpochMilli(Long.parseLong(notes.get("createdAt"))),
                Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt"))));
    }
}
