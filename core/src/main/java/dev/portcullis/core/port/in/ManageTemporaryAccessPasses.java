package dev.portcullis.core.port.in;

import dev.portcullis.core.tap.TemporaryAccessPass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Instant;

/**
 * Temporary access passes (Graph's {@code /users/{id}/authentication/temporaryAccessPassMethods}):
 * an administrator issues one so that a user who lost every method can register a new one. The
 * pass is shown once, when issued; only its verifier is kept. Every issue and revoke is audited,
 * never with the pass.
 */
public interface ManageTemporaryAccessPasses {

    /**
     * What an administrator or the service desk asks for.
     *
     * @param userId the directory's user id or username
     * @param startDateTime empty: now
     * @param mayManageAdministrators the caller may issue a pass for an administrator (Entra's Privileged
     *     Authentication Administrator); the service desk may not, or it could take over an admin account
     */
    record Issue(String userId, Optional<Instant> startDateTime, int lifetimeInMinutes, boolean isUsableOnce,
            String actor, boolean mayManageAdministrators) {

        /** Asked by someone who may not issue passes for administrators (fail secure). */
        public Issue(String userId, Optional<Instant> startDateTime, int lifetimeInMinutes, boolean isUsableOnce,
                String actor) {
            this(userId, startDateTime, lifetimeInMinutes, isUsableOnce, actor, false);
        }

        public Issue {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(startDateTime, "startDateTime");
            Objects.requireNonNull(actor, "actor");
            TemporaryAccessPass.lifetimeProblem(lifetimeInMinutes).ifPresent(p -> {
                throw new IllegalArgumentException(p.toString());
            });
        }
    }

    /** What issuing did; the pass itself is in {@link Issued} only, and nowhere else ever. */
    sealed interface Issuing {}

    /** @param temporaryAccessPass the pass, to hand to the user once */
    record Issued(TemporaryAccessPass method, String temporaryAccessPass) implements Issuing {
        @Override
        public String toString() {
            return "Issued[" + method.shown() + "]"; // never the pass, even in a stray log line
        }
    }

    /** Entra's rule: one pass per user; revoke the present one to issue another. */
    record AlreadyHasOne(String existingId) implements Issuing {}

    record UnknownUser() implements Issuing {}

    /** The user is an administrator (or an emergency account) and the caller may not manage their methods. */
    record PrivilegedUser() implements Issuing {}

    /** @param userId the directory's user id or username */
    Issuing issue(Issue command);

    /** The user's pass as shown (never the pass); empty when the user is unknown. */
    Optional<List<TemporaryAccessPass>> list(String userId);

    /** Whether a pass of that id was revoked; empty when the user is unknown. */
    Optional<Boolean> revoke(String userId, String methodId, String actor);
}
