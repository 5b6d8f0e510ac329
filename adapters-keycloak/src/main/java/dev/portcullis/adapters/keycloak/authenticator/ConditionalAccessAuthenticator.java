package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.signin.SatisfiedMethods;
import dev.portcullis.adapters.keycloak.signin.SignInCorrelation;
import dev.portcullis.adapters.keycloak.signin.SignInHistory;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The Conditional Access step of the browser flow. Placed after the first factor (and outside the
 * cookie/forms alternatives, so SSO logins are evaluated too), and once more after the step-up
 * sub-flows, where its run is final.
 *
 * <p>Every run decides afresh from what this login proved (Keycloak's execution statuses and the
 * credentials used) and lets the login go on only on allow. Keycloak runs the flow again on a
 * reload, the back button or a second tab, so nothing here trusts an earlier run: the
 * {@link LoginState} only says what is under way, or that the login was blocked, which then stays
 * blocked. Stateless: everything per login lives in that auth-session note.
 */
public final class ConditionalAccessAuthenticator extends PortcullisStep {

    private static final Logger LOG = Logger.getLogger(ConditionalAccessAuthenticator.class);
    /** Per request (a KeycloakSession lives for one): the first run's allow, so the final run need not repeat it. */
    private static final String ALLOWED_IN_THIS_REQUEST = "portcullis.allowedInThisRequest.";

    /**
     * A decision, the evaluation of the application's sign-in it was made with, and the evaluation
     * whose record a refused user is pointed to (the one that refused).
     */
    private record LoginDecision(KeycloakSignIn.Login login, Decision decision, EvaluatedSignIn app,
            EvaluatedSignIn decisive) {

        LoginDecision(KeycloakSignIn.Login login, Decision decision, EvaluatedSignIn app) {
            this(login, decision, app, app);
        }

        /** The refusing record's ids, for the application the user was signing in to. */
        BlockNotice notice() {
            return decisive.notice().forApplication(app.notice().application());
        }
    }

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
        LoginState state = LoginState.read(authSession);
        if (state.isBlocked()) {
            // Nothing undoes a block within a login; the sign-in log still learns of every attempt.
            String again = "a request after the block (reload, back, another tab or a replayed form)";
            EvaluatedSignIn repeated = EvaluatedSignIn.ofBrowserLogin(KeycloakSignIn.Login.of(context), context.getEvent(),
                    List.of(), List.of(again));
            String policies = state.blockedBy().orElseThrow();
            context.getEvent().detail("portcullis_policies", policies).detail("portcullis_reasons", again);
            LOG.infof("event=portcullis_block_repeated user=%s client=%s", context.getUser().getId(),
                    authSession.getClient().getClientId());
            showBlock(context, repeated.notice());
            return "block";
        }
        String allowedKey = ALLOWED_IN_THIS_REQUEST + authSession.getTabId();
        if (context.getSession().getAttribute(allowedKey) != null) {
            context.success(); // allowed earlier in this very request: nothing can have changed since
            return "allow";
        }
        LoginDecision evaluated = decide(context, state);
        Decision decision = evaluated.decision();
        SignIn signIn = evaluated.app().built().signIn();
        LOG.debugf("event=portcullis_decision user=%s client=%s decision=%s", signIn.user().id(),
                authSession.getClient().getClientId(), decision.result());

        if (decision instanceof Decision.Allow) {
            allow(context, evaluated.app().built());
            context.getSession().setAttribute(allowedKey, Boolean.TRUE);
        } else if (decision instanceof Decision.Block block) {
            block(context, state, block, evaluated.notice());
        } else if (decision instanceof Decision.RequireControls require) {
            if (TemporaryAccessPassAuthenticator.acceptedIn(authSession)
                    && SecurityInfoRegistration.followsIn(evaluated.login(), state)) {
                // A temporary access pass satisfies MFA only to register a method: on to the registration,
                // after which Portcullis' check decides with the new method (and never with the pass).
                context.success();
                return "registration";
            }
            if (state.stepUp().isPresent() && !state.stepUpBy().equals(context.getExecution().getId())) {
                // The step-up sub-flow ran and still did not satisfy the policies: never let it through.
                block(context, state, new Decision.Block(List.of(new Decision.Reason("portcullis", "Portcullis",
                        "the step-up did not satisfy " + require.strengths().stream()
                                .map(s -> s.displayName()).collect(Collectors.joining(", "))))),
                        evaluated.notice());
                return "block";
            }
            Optional<Instant> passwordNotBefore = SignInAgain.needed(require, signIn, authSession);
            if (passwordNotBefore.isPresent()) {
                LOG.infof("event=portcullis_sign_in_again user=%s client=%s reason=sign_in_frequency", signIn.user().id(),
                        authSession.getClient().getClientId());
                SignInAgain.restart(context, passwordNotBefore.get(), signIn.time());
                return "signInAgain";
            }
            StepUp stepUp = StepUp.of(require, signIn.methodsSatisfied(), signIn.registration().registered());
            state.steppingUp(stepUp, context.getExecution().getId()).write(authSession);
            context.success();
        } else {
            register(context, state, (Decision.RegistrationRequired) decision, evaluated.notice());
        }
        return decision.result();
    }

    /**
     * The application's decision; when a credential will be registered before this login ends, also
     * the decision on registering security info (policies on that user action, and Entra's rule that
     * a user who can do MFA proves it first).
     */
    private static LoginDecision decide(AuthenticationFlowContext context, LoginState state) {
        KeycloakSignIn.Login login = KeycloakSignIn.Login.of(context);
        EvaluatedSignIn app = EvaluatedSignIn.ofBrowserLogin(login, context.getEvent(), List.of(), List.of());
        if (!SecurityInfoRegistration.followsIn(login, state)) {
            return new LoginDecision(login, app.decision(), app);
        }
        EvaluatedSignIn registering = EvaluatedSignIn.of(login, context.getEvent(), app.built().signIn().clientAppType(),
                Target.registerSecurityInfo(), List.of(), List.of());
        // Whatever registers the credential, Portcullis checks the login once it is done; without
        // that check in the realm nothing may be registered.
        var check = context.getRealm().getRequiredActionProviderByAlias(ConditionalAccessCheckFactory.PROVIDER_ID);
        if (check == null || !check.isEnabled()) {
            LOG.errorf("event=portcullis_check_missing realm=%s effect=registration_blocked fix=\"enable the required"
                    + " action %s\"", context.getRealm().getName(), ConditionalAccessCheckFactory.PROVIDER_ID);
            return new LoginDecision(login, new Decision.Block(List.of(new Decision.Reason("portcullis", "Portcullis",
                    "registering security info needs the required action " + ConditionalAccessCheckFactory.PROVIDER_ID
                            + ", which this realm has not enabled"))), app);
        }
        context.getAuthenticationSession().addRequiredAction(ConditionalAccessCheckFactory.PROVIDER_ID);
        EvaluatedSignIn decisive = registering.decision() instanceof Decision.Block && !(app.decision() instanceof Decision.Block)
                ? registering : app;
        return new LoginDecision(login, Decision.both(app.decision(), registering.decision()), app, decisive);
    }

    private static void register(AuthenticationFlowContext context, LoginState state,
            Decision.RegistrationRequired registration, BlockNotice notice) {
        if (MoreInformationRequired.offered(registration).isEmpty()) {
            block(context, state, new Decision.Block(registration.registrations().stream()
                    .map(r -> new Decision.Reason(r.policyId(), r.strength().displayName(),
                            "no method that meets " + r.strength().displayName() + " can be registered here"))
                    .toList()), notice);
            return;
        }
        if (state.registering().filter(registration.options()::contains).isPresent()) {
            context.success(); // the registration's required action runs once the flow ends
        } else {
            context.challenge(MoreInformationRequired.form(context, registration, null));
        }
    }

    /** The "More information required" page was posted: register the chosen method, if it was offered. */
    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        LoginState state = LoginState.read(authSession);
        String posted = context.getHttpRequest().getDecodedFormParameters().getFirst("method");
        if (state.isBlocked()) {
            step(context);
            return;
        }
        KeycloakSignIn.Login login = KeycloakSignIn.Login.of(context);
        // The choice is judged against a decision made now, never against what an earlier page offered.
        EvaluatedSignIn now = EvaluatedSignIn.ofBrowserLogin(login, context.getEvent(), List.of(), List.of());
        if (!(now.decision() instanceof Decision.RegistrationRequired registration)) {
            step(context); // the situation changed (a new snapshot): decide again
            return;
        }
        Optional<AuthenticationMethod> chosen = MoreInformationRequired.chosen(registration, posted);
        if (chosen.isEmpty()) {
            String shown = String.valueOf(posted).replaceAll("[^A-Za-z0-9_-]", "?"); // never log what a form forged
            String refusal = "registering '" + shown + "', which this sign-in was not offered";
            LOG.warnf("event=portcullis_registration_refused user=%s client=%s method=%s", context.getUser().getId(),
                    authSession.getClient().getClientId(), shown);
            context.getEvent().detail("portcullis_refused", refusal);
            EvaluatedSignIn.ofBrowserLogin(login, context.getEvent(), List.of(), List.of(refusal));
            context.challenge(MoreInformationRequired.form(context, registration, "portcullisMethodNotOffered"));
            return;
        }
        AuthenticationMethod method = chosen.get();
        state.registering(method).write(authSession);
        authSession.addRequiredAction(SecurityInfoRegistration.requiredAction(method).orElseThrow());
        context.getEvent().detail("portcullis_registration", method.graphName());
        // Registering is a sign-in to registering security info: its policies decide (and queue
        // Portcullis' check after the registration) before anything is enrolled.
        step(context);
    }

    private static void allow(AuthenticationFlowContext context, KeycloakSignIn.Built built) {
        // Remember what this sign-in proved, for SSO logins to other clients and sign-in frequency,
        // and which login it was, for the token requests of its session.
        context.getAuthenticationSession().setUserSessionNote(SatisfiedMethods.NOTE,
                SatisfiedMethods.format(built.signIn().satisfiedMethods()));
        SignInCorrelation.handOver(context.getAuthenticationSession());
        UserModel user = context.getUser();
        SignInHistory.append(user.getAttributeStream(SignInHistory.ATTRIBUTE).toList(), built.facts())
                .ifPresent(entries -> user.setAttribute(SignInHistory.ATTRIBUTE, entries));
        context.success();
    }

    /** Blocks, and marks the login so that no later request of it (reload, back, a replayed form) gets further. */
    static void block(AuthenticationFlowContext context, LoginState state, Decision.Block block, BlockNotice notice) {
        String policies = block.reasons().stream().map(Decision.Reason::policyName).distinct()
                .collect(Collectors.joining(", "));
        String reasons = block.reasons().stream().map(r -> r.policyName() + ": " + r.message())
                .collect(Collectors.joining("; "));
        state.blocked(policies).write(context.getAuthenticationSession());
        context.getEvent().detail("portcullis_policies", policies).detail("portcullis_reasons", reasons);
        showBlock(context, notice);
    }

    private static void showBlock(AuthenticationFlowContext context, BlockNotice notice) {
        context.failure(AuthenticationFlowError.ACCESS_DENIED, notice.page(context.form()), "portcullis_access_blocked",
                "portcullisAccessBlocked");
    }
}
