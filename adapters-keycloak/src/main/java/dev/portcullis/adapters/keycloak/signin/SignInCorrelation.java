package dev.portcullis.adapters.keycloak.signin;

import java.util.Optional;
import java.util.UUID;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Graph's {@code correlationId}: one id for every sign-in record of one login (its reloads, step-ups
 * and the check after a registration) and for the token requests of the session it made, so that
 * support finds them all from the id a user quotes. A random id, never a session or cookie value.
 */
public final class SignInCorrelation {

    /** The auth-session note holding the id; copied to the user session the login makes. */
    public static final String NOTE = "portcullis.correlationId";

    private SignInCorrelation() {}

    /** The login's id, made on its first evaluation. */
    public static String of(AuthenticationSessionModel authSession) {
        String id = authSession.getAuthNote(NOTE);
        if (id == null) {
            id = UUID.randomUUID().toString();
            authSession.setAuthNote(NOTE, id);
        }
        return id;
    }

    /** Carries the login's id into the user session it makes, for the token requests that continue it. */
    public static void handOver(AuthenticationSessionModel authSession) {
        authSession.setUserSessionNote(NOTE, of(authSession));
    }

    /** The id of the login a session came from, or a new one when there is none (an older session, no session). */
    public static String of(Optional<UserSessionModel> userSession) {
        return userSession.map(s -> s.getNote(NOTE)).orElseGet(() -> UUID.randomUUID().toString());
    }
}
