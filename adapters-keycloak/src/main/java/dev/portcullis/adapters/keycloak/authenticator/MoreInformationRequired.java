package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.method.AuthenticationMethod;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * The "More information required" interrupt: a user who must use MFA but has no suitable method
 * learns why, picks one, and registers it with Keycloak's own required action instead of being
 * locked out.
 */
final class MoreInformationRequired {

    static final String TEMPLATE = "portcullis-more-information.ftl";

    private MoreInformationRequired() {}

    /** Methods Keycloak can enrol, with the required action that does it, in the order offered. */
    static Map<AuthenticationMethod, String> requiredActions() {
        Map<AuthenticationMethod, String> actions = new LinkedHashMap<>();
        actions.put(AuthenticationMethod.TOTP, UserModel.RequiredAction.CONFIGURE_TOTP.name());
        actions.put(AuthenticationMethod.PUSH, "portcullis-push-register");
        actions.put(AuthenticationMethod.PASSKEY, "webauthn-register-passwordless");
        actions.put(AuthenticationMethod.SECURITY_KEY, "webauthn-register");
        return actions;
    }

    static Response form(AuthenticationFlowContext context, Decision.RegistrationRequired decision) {
        List<String> options = requiredActions().keySet().stream()
                .filter(decision.options()::contains)
                .map(AuthenticationMethod::graphName)
                .toList();
        List<String> strengths = decision.registrations().stream()
                .map(r -> r.strength().displayName()).distinct().toList();
        return context.form()
                .setAttribute("portcullisOptions", options.isEmpty() ? List.of("totp") : options)
                .setAttribute("portcullisStrengths", strengths)
                .createForm(TEMPLATE);
    }
}
