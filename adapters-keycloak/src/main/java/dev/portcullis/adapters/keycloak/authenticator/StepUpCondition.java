package dev.portcullis.adapters.keycloak.authenticator;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** True when the Conditional Access step asked for this kind of step-up in the current login. */
final class StepUpCondition implements ConditionalAuthenticator {

    private final StepUp stepUp;

    StepUpCondition(StepUp stepUp) {
        this.stepUp = stepUp;
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return LoginState.read(context.getAuthenticationSession()).stepUp().filter(stepUp::equals).isPresent();
    }

    @Override
    public void action(AuthenticationFlowContext context) {}

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    public void close() {}
}
