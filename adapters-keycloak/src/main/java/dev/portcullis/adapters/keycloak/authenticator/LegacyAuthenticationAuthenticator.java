package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.signin.ClientAppType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
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
        EvaluatedSignIn evaluated = EvaluatedSignIn.of(context, ClientAppType.OTHER);
        Decision decision = evaluated.decision();
        if (decision instanceof Decision.Allow) {
            context.success();
            return;
        }
        // As on the block page: no policy names, but the ids that find the sign-in record.
        String description = (decision instanceof Decision.Block
                ? "Access blocked: your organisation's Conditional Access does not allow this sign-in. "
                : "This sign-in requires multi-factor authentication, which the password grant cannot perform;"
                        + " use a browser-based sign-in. ")
                + evaluated.notice().quote();
        context.getEvent().detail("portcullis_reasons", description);
        Response response = Response.status(Response.Status.BAD_REQUEST)
                .entity(Map.of("error", "access_denied", "error_description", description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
        context.failure(AuthenticationFlowError.ACCESS_DENIED, response);
    }

    @Override
    public void action(AuthenticationFlowContext context) {}
}
