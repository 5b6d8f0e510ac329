package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.signin.ClientAppType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;

/**
 * Conditional Access for the resource-owner password grant (direct grant): legacy authentication
 * ({@code other}), which cannot answer a prompt. Allowed sign-ins continue; anything that needs more
 * than a password, or is blocked, ends with an OAuth error.
 */
public final class LegacyAuthenticationAuthenticator extends PortcullisStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Decision decision = EvaluatedSignIn.of(context, ClientAppType.OTHER).decision();
        if (decision instanceof Decision.Allow) {
            context.success();
            return;
        }
        String description;
        if (decision instanceof Decision.Block block) {
            description = "Access blocked by Conditional Access policy: " + block.reasons().stream()
                    .map(Decision.Reason::policyName).distinct().collect(Collectors.joining(", "));
        } else {
            description = "This sign-in requires multi-factor authentication, which the password grant cannot perform;"
                    + " use a browser-based sign-in";
        }
        context.getEvent().detail("portcullis_reasons", description);
        Response response = Response.status(Response.Status.BAD_REQUEST)
                .entity(Map.of("error", "access_denied", "error_description", description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
        context.failure(AuthenticationFlowError.ACCESS_DENIED, response);
    }

    @Override
    public void action(AuthenticationFlowContext context) {}
}
