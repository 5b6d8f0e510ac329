package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.tap.TemporaryAccessPass;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A method of the MFA step-up for a user an administrator issued a temporary access pass: the user
 * types it, and it satisfies MFA only to register a method. An accepted pass queues the
 * registration (Keycloak's TOTP set-up) and Portcullis' check after it; the Conditional Access step
 * lets the login on only towards that registration, and the check ends it only once a real method
 * was registered and proved. The pass is never a method of the sign-in itself.
 *
 * <p>A one-time pass is claimed cluster-wide (Keycloak's single-use store) before it counts, so a
 * second use fails on every node. A wrong, expired, not yet valid, revoked or used pass gets the
 * same error. Stateless: the pass's verifier comes from the snapshot, what was accepted goes into
 * an auth-session note.
 */
final class TemporaryAccessPassAuthenticator extends PortcullisStep {

    static final String TEMPLATE = "portcullis-temporary-access-pass.ftl";
    static final String FIELD = "temporaryAccessPass";
    /** Auth-session note: the id of the pass accepted in this login. */
    static final String ACCEPTED = "portcullis.temporaryAccessPass";
    /** The method registered with the pass: Keycloak's own authenticator set-up, which proves the new authenticator. */
    static final AuthenticationMethod REGISTERED = AuthenticationMethod.TOTP;
    private static final String CLAIM_PREFIX = "portcullis.tap.used:";
    private static final Logger LOG = Logger.getLogger(TemporaryAccessPassAuthenticator.class);

    /** Whether a pass was accepted in this login: it then satisfies MFA towards registering a method, nothing else. */
    static boolean acceptedIn(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(ACCEPTED) != null;
    }

    /** Offered only to a user the snapshot lists a pass for; whether it works is decided when it is typed. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return pass(session, user).isPresent();
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(form(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD);
        UserModel user = context.getUser();
        Optional<TemporaryAccessPass> pass = pass(context.getSession(), user)
                .filter(p -> p.accepts(typed == null ? null : typed.strip(), Instant.now()))
                .filter(p -> !p.isUsableOnce() || claim(context.getSession(), p));
        if (pass.isEmpty()) {
            // One answer for every failure: nothing tells a guesser whether a pass exists, expired or was used.
            LOG.infof("event=portcullis_temporary_access_pass_refused user=%s", user.getId());
            EvaluatedSignIn.ofBrowserLogin(KeycloakSignIn.Login.of(context), context.getEvent(), List.of(),
                    List.of("a temporary access pass"));
            context.getEvent().user(user).detail("portcullis_temporary_access_pass", "refused")
                    .error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, "portcullisTapInvalid"));
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(ACCEPTED, pass.get().id());
        LoginState.read(authSession).registering(REGISTERED).write(authSession);
        authSession.addRequiredAction(SecurityInfoRegistration.requiredAction(REGISTERED).orElseThrow());
        LOG.infof("event=portcullis_temporary_access_pass_accepted user=%s method_id=%s once=%s", user.getId(),
                pass.get().id(), pass.get().isUsableOnce());
        context.getEvent().detail("portcullis_temporary_access_pass", pass.get().id());
        // The sign-in log, and through it the control plane's audit log, learns of the use.
        EvaluatedSignIn.registering(KeycloakSignIn.Login.of(context), context.getEvent(),
                TemporaryAccessPass.usedDetail(pass.get().id()));
        context.success();
    }

    /** The user's pass as the enforced snapshot has it (with its verifier). */
    private static Optional<TemporaryAccessPass> pass(KeycloakSession session, UserModel user) {
        return session.getProvider(PortcullisProvider.class).policies().snapshot()
                .map(s -> s.temporaryAccessPasses().get(user.getId()));
    }

    /** The one use of a one-time pass, cluster-wide: only the first claim on any node wins. */
    private static boolean claim(KeycloakSession session, TemporaryAccessPass pass) {
        long seconds = Math.max(60, Duration.between(Instant.now(), pass.endDateTime()).toSeconds() + 60);
        return session.getProvider(SingleUseObjectProvider.class).putIfAbsent(CLAIM_PREFIX + pass.id(), seconds);
    }

    private static Response form(AuthenticationFlowContext context, String error) {
        var form = context.form();
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
