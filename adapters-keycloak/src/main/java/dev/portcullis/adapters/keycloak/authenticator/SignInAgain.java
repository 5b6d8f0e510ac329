package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.signin.SatisfiedMethod;
import dev.portcullis.core.signin.SignIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Sign-in frequency as Entra means it: once it has lapsed, the user signs in again, password and
 * all. An SSO session vouches for the password it was opened with; when that password is older than
 * a policy allows, no step-up can make it fresh, so the login restarts with Keycloak's own
 * re-authentication: OIDC's {@code max_age} ("authenticated no longer ago than") on the login, which
 * makes Keycloak's cookie step ask for the password again, the user's name filled in.
 */
final class SignInAgain {

    /** OIDC's parameter, as Keycloak keeps it among the login's client notes. */
    private static final String MAX_AGE = "max_age";
    /** Asked once per login (client notes outlive a flow reset): a flow with no password form never loops. */
    private static final String ASKED = "portcullis.signInAgain";

    private SignInAgain() {}

    /**
     * The instant the session's password had to be used after, when it was used before it; empty when it
     * is fresh enough, when no password was used, or when this login has already been sent to sign in again.
     */
    static Optional<Instant> needed(Decision.RequireControls require, SignIn signIn, AuthenticationSessionModel login) {
        if (login.getClientNote(ASKED) != null) {
            return Optional.empty();
        }
        Optional<Instant> notBefore = require.authentication().stream().map(Decision.AuthenticationRequirement::notBefore)
                .max(Comparator.naturalOrder());
        Optional<Instant> password = signIn.satisfiedMethods().stream()
                .filter(m -> m.method() == AuthenticationMethod.PASSWORD).map(SatisfiedMethod::at)
                .max(Comparator.naturalOrder());
        return notBefore.filter(limit -> password.filter(at -> at.isBefore(limit)).isPresent());
    }

    /** Restarts the login so that Keycloak asks for the password again. */
    static void restart(AuthenticationFlowContext context, Instant notBefore, Instant now) {
        AuthenticationSessionModel login = context.getAuthenticationSession();
        long maxAge = Math.max(0, Duration.between(notBefore, now).toSeconds());
        String asked = login.getClientNote(MAX_AGE);
        if (asked != null && asked.matches("\\d{1,9}")) {
            maxAge = Math.min(maxAge, Long.parseLong(asked)); // the client's own max_age, when it asks for less
        }
        login.setClientNote(MAX_AGE, Long.toString(maxAge));
        login.setClientNote(ASKED, "true");
        context.resetFlow();
    }
}
