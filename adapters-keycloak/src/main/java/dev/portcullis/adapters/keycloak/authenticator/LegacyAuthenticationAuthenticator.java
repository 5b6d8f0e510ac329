package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.PortcullisEngine;
import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signinlog.SignInRecord;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Conditional Access for the resource-owner password grant (direct grant): legacy authentication
 * ({@code other}), which cannot answer a prompt. Allowed sign-ins continue; anything that needs more
 * than a password, or is blocked, ends with an OAuth error.
 */
public final class LegacyAuthenticationAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PortcullisEngine engine = context.getSession().getProvider(PortcullisProvider.class).engine();
        KeycloakSignIn.Built built = KeycloakSignIn.build(context, engine, ClientAppType.OTHER);
        Evaluation evaluation = engine.evaluate(built.signIn());
        Decision decision = evaluation.decision();
        engine.record(SignInRecord.of(UUID.randomUUID().toString(), context.getRealm().getName(), built.signIn(),
                evaluation, built.risk()));
        context.getEvent().detail("portcullis_decision", decision.result());
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

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    public void close() {}
}
