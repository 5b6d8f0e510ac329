package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.push.PushEnrolmentFactory;
import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.signin.SatisfiedMethod;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;

/**
 * Where Keycloak registers a credential: the required actions that enrol a method, queued by
 * "More information required", by an administrator, or by an application (kc_action, the account
 * console's "Signing in" page). A login in which one of them will run is also a sign-in to the
 * user action {@code urn:user:registersecurityinfo}.
 */
final class SecurityInfoRegistration {

    /** Methods Keycloak can enrol, with the required action that does it, in the order offered. */
    private static final Map<AuthenticationMethod, String> REQUIRED_ACTIONS = requiredActions();

    private SecurityInfoRegistration() {}

    private static Map<AuthenticationMethod, String> requiredActions() {
        Map<AuthenticationMethod, String> actions = new LinkedHashMap<>();
        actions.put(AuthenticationMethod.TOTP, UserModel.RequiredAction.CONFIGURE_TOTP.name());
        actions.put(AuthenticationMethod.PUSH, PushEnrolmentFactory.PROVIDER_ID);
        actions.put(AuthenticationMethod.PASSKEY, "webauthn-register-passwordless");
        actions.put(AuthenticationMethod.SECURITY_KEY, "webauthn-register");
        actions.put(AuthenticationMethod.RECOVERY_CODE, UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name());
        return actions;
    }

    /** The methods "More information required" may offer, in order. */
    static List<AuthenticationMethod> enrollable() {
        return REQUIRED_ACTIONS.keySet().stream().filter(AuthenticationMethod::offeredForRegistration).toList();
    }

    static Optional<String> requiredAction(AuthenticationMethod method) {
        return Optional.ofNullable(REQUIRED_ACTIONS.get(method));
    }

    static boolean isRegistration(String requiredAction) {
        return requiredAction != null && REQUIRED_ACTIONS.values().stream().anyMatch(requiredAction::equalsIgnoreCase);
    }

    /** Whether a credential will be registered before this login ends. */
    static boolean followsIn(KeycloakSignIn.Login login, LoginState state) {
        return state.registering().isPresent()
                || isRegistration(login.authSession().getClientNote(Constants.KC_ACTION))
                || login.authSession().getRequiredActions().stream().anyMatch(SecurityInfoRegistration::isRegistration)
                || login.user().getRequiredActionsStream().anyMatch(SecurityInfoRegistration::isRegistration);
    }

    /**
     * Methods registered since this login began. Registering proved them: Keycloak's TOTP set-up
     * checks a code from the new authenticator, and a WebAuthn registration is a ceremony signed by it.
     */
    static List<SatisfiedMethod> registeredInThisLogin(KeycloakSignIn.Login login) {
        long started = login.authSession().getParentSession().getTimestamp() * 1000L;
        return login.user().credentialManager().getStoredCredentialsStream()
                .filter(c -> c.getCreatedDate() != null && c.getCreatedDate() >= started)
                .flatMap(c -> Stream.of(AuthenticationMethod.values())
                        .filter(m -> m.keycloakCredentialType().equals(c.getType()))
                        .map(m -> new SatisfiedMethod(m, Instant.ofEpochMilli(c.getCreatedDate()))))
                .toList();
    }
}
