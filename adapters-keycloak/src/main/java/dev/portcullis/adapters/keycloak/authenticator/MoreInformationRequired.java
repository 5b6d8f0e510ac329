package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.method.AuthenticationMethod;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The "More information required" interrupt: a user who must use MFA but has no suitable method
 * learns why, picks one of the methods the decision allows, and registers it with Keycloak's own
 * required action instead of being locked out.
 */
final class MoreInformationRequired {

    static final String TEMPLATE = "portcullis-more-information.ftl";

    private MoreInformationRequired() {}

    /** What the page may offer: methods Keycloak can enrol that would meet every requirement. */
    static List<AuthenticationMethod> offered(Decision.RegistrationRequired decision) {
        return SecurityInfoRegistration.enrollable().stream().filter(decision.options()::contains).toList();
    }

    /** The method a form asked for, if the page offered it. */
    static Optional<AuthenticationMethod> chosen(Decision.RegistrationRequired decision, String posted) {
        return offered(decision).stream().filter(m -> m.graphName().equals(posted)).findFirst();
    }

    /** @param error a message key to show above the choices, or null */
    static Response form(AuthenticationFlowContext context, Decision.RegistrationRequired decision, String error) {
        List<String> strengths = decision.registrations().stream()
                .map(r -> r.strength().displayName()).distinct().toList();
        var form = context.form()
                .setAttribute("portcullisOptions", offered(decision).stream().map(AuthenticationMethod::graphName).toList())
                .setAttribute("portcullisStrengths", strengths);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
