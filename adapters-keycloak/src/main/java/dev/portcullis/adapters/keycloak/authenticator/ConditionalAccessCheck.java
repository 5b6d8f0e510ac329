package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.signin.SatisfiedMethods;
import dev.portcullis.adapters.keycloak.signin.SignInCorrelation;
import dev.portcullis.core.evaluation.Decision;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;

/**
 * The last word on a login in which a credential was registered: Keycloak runs required actions
 * after the flow, so the flow's own step cannot see the registration. This one runs after every
 * registering action, decides again with the method just registered counted as proven (its
 * registration ceremony proved it), and lets the login end only on allow. Anything else is an error
 * page that every later request of the login gets again. Stateless.
 */
final class ConditionalAccessCheck implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(ConditionalAccessCheck.class);

    @Override
    public void evaluateTriggers(RequiredActionContext context) {}

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        check(context);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        check(context);
    }

    private static void check(RequiredActionContext context) {
        KeycloakSignIn.Login login = KeycloakSignIn.Login.of(context);
        LoginState state = LoginState.read(context.getAuthenticationSession());
        EvaluatedSignIn evaluated = EvaluatedSignIn.ofBrowserLogin(login, context.getEvent(),
                SecurityInfoRegistration.registeredInThisLogin(login), List.of());
        Decision decision = evaluated.decision();
        if (!state.isBlocked() && decision instanceof Decision.Allow) {
            context.getAuthenticationSession().setUserSessionNote(SatisfiedMethods.NOTE,
                    SatisfiedMethods.format(evaluated.built().signIn().satisfiedMethods()));
            SignInCorrelation.handOver(context.getAuthenticationSession());
            context.success();
            return;
        }
        String why = decision instanceof Decision.Block block
                ? block.reasons().stream().map(Decision.Reason::policyName).distinct().collect(Collectors.joining(", "))
                : state.blockedBy().orElse("the sign-in still does not meet your organisation's policies ("
                        + decision.result() + ")");
        if (!state.isBlocked()) {
            state.blocked(why).write(context.getAuthenticationSession());
        }
        LOG.infof("event=portcullis_check_refused user=%s client=%s decision=%s", context.getUser().getId(),
                context.getAuthenticationSession().getClient().getClientId(), decision.result());
        context.getEvent().detail("portcullis_policies", why);
        context.challenge(evaluated.notice().page(context.form()));
    }

    @Override
    public void close() {}
}
