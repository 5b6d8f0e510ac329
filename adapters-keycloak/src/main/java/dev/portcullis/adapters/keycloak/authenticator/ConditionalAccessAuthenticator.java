package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.signin.SatisfiedMethods;
import dev.portcullis.adapters.keycloak.signin.SignInHistory;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.signin.SignIn;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The Conditional Access step of the browser flow. Placed after the first factor (and outside the
 * cookie/forms alternatives, so SSO logins are evaluated too), and once more after the step-up
 * sub-flows. Each time it builds the sign-in from Keycloak and asks the core evaluator:
 * allow continues, block ends the login with an error page and no session, a step-up marks the
 * note the "requires MFA" conditions read, and a registration shows "More information required".
 * Stateless: everything per login lives in auth-session notes.
 */
public final class ConditionalAccessAuthenticator extends PortcullisStep {

    static final String REGISTRATION_NOTE = "portcullis.registration";
    static final String EVALUATED_NOTE = "portcullis.evaluated";
    private static final Logger LOG = Logger.getLogger(ConditionalAccessAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        ConditionalAccessStepEvent event = new ConditionalAccessStepEvent();
        event.start();
        event.realm = context.getRealm().getName();
        try {
            event.decision = step(context);
        } finally {
            event.finish();
        }
    }

    /** The step itself; returns the decision it acted on, for the flight recorder. */
    private String step(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean verifying = authSession.getAuthNote(EVALUATED_NOTE) != null;
        if (verifying && authSession.getAuthNote(StepUp.NOTE) == null
                && authSession.getAuthNote(REGISTRATION_NOTE) == null) {
            context.success(); // nothing happened since the first evaluation allowed this sign-in
            return "unchanged";
        }
        EvaluatedSignIn evaluated = EvaluatedSignIn.of(context, KeycloakSignIn.browserFlowAppType(authSession.getClient()));
        KeycloakSignIn.Built built = evaluated.built();
        SignIn signIn = built.signIn();
        Decision decision = evaluated.decision();
        authSession.setAuthNote(EVALUATED_NOTE, decision.result());
        LOG.debugf("event=portcullis_decision user=%s client=%s decision=%s", signIn.user().id(),
                authSession.getClient().getClientId(), decision.result());

        if (decision instanceof Decision.Allow) {
            allow(context, signIn, built);
        } else if (decision instanceof Decision.Block block) {
            block(context, block);
        } else if (decision instanceof Decision.RequireControls require) {
            if (verifying && authSession.getAuthNote(StepUp.NOTE) != null) {
                // The step-up sub-flow ran and still did not satisfy the policies: never let it through.
                block(context, new Decision.Block(List.of(new Decision.Reason("portcullis", "Portcullis",
                        "the step-up did not satisfy " + require.strengths().stream()
                                .map(s -> s.displayName()).collect(Collectors.joining(", "))))));
                return "block";
            }
            Set<AuthenticationMethod> satisfied = signIn.methodsSatisfied();
            StepUp stepUp = StepUp.of(require, satisfied, signIn.registration().registered());
            authSession.setAuthNote(StepUp.NOTE, stepUp.note());
            context.success();
        } else {
            Decision.RegistrationRequired registration = (Decision.RegistrationRequired) decision;
            if (authSession.getAuthNote(REGISTRATION_NOTE) != null) {
                context.success(); // the registration's required action runs once the flow ends
                return decision.result();
            }
            context.challenge(MoreInformationRequired.form(context, registration));
        }
        return decision.result();
    }

    /** The "More information required" page was confirmed: queue Keycloak's own registration. */
    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String chosen = form.getFirst("method");
        AuthenticationMethod method = MoreInformationRequired.requiredActions().keySet().stream()
                .filter(m -> m.graphName().equals(chosen)).findFirst().orElse(AuthenticationMethod.TOTP);
        context.getAuthenticationSession().addRequiredAction(MoreInformationRequired.requiredActions().get(method));
        context.getAuthenticationSession().setAuthNote(REGISTRATION_NOTE, method.graphName());
        context.getEvent().detail("portcullis_registration", method.graphName());
        context.success();
    }

    private static void allow(AuthenticationFlowContext context, SignIn signIn, KeycloakSignIn.Built built) {
        // Remember what this sign-in proved, for SSO logins to other clients and sign-in frequency.
        context.getAuthenticationSession().setUserSessionNote(SatisfiedMethods.NOTE,
                SatisfiedMethods.format(signIn.satisfiedMethods()));
        UserModel user = context.getUser();
        SignInHistory.append(user.getAttributeStream(SignInHistory.ATTRIBUTE).toList(), built.facts())
                .ifPresent(entries -> user.setAttribute(SignInHistory.ATTRIBUTE, entries));
        context.success();
    }

    private static void block(AuthenticationFlowContext context, Decision.Block block) {
        String policies = block.reasons().stream().map(Decision.Reason::policyName).distinct()
                .collect(Collectors.joining(", "));
        String reasons = block.reasons().stream().map(r -> r.policyName() + ": " + r.message())
                .collect(Collectors.joining("; "));
        context.getEvent().detail("portcullis_policies", policies).detail("portcullis_reasons", reasons);
        Response page = context.form()
                .setError("portcullisAccessBlocked", policies)
                .createErrorPage(Response.Status.FORBIDDEN);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, page, "portcullis_access_blocked", "portcullisAccessBlocked");
    }
}
