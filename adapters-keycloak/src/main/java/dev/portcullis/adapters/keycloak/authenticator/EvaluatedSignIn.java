package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.signin.SignInCorrelation;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.SatisfiedMethod;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.signinlog.SignInRecord;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;

/**
 * One evaluation of the login under way, as every Portcullis step does it: build the sign-in,
 * decide, log the sign-in record (shipped asynchronously, correlated with the login's other records)
 * and note the decision on the event.
 */
record EvaluatedSignIn(PortcullisProvider portcullis, KeycloakSignIn.Built built, Evaluation evaluation,
        String requestId, String correlationId) {

    static EvaluatedSignIn of(AuthenticationFlowContext context, ClientAppType appType) {
        return of(KeycloakSignIn.Login.of(context), context.getEvent(), appType,
                Target.application(context.getAuthenticationSession().getClient().getClientId()), List.of(), List.of());
    }

    /**
     * The browser login under way, for the client it signs in to.
     *
     * @param provenOutsideTheFlow methods this login proved that no flow execution shows
     * @param refusals what this request tried and was refused, for the sign-in log
     */
    static EvaluatedSignIn ofBrowserLogin(KeycloakSignIn.Login login, EventBuilder event,
            List<SatisfiedMethod> provenOutsideTheFlow, List<String> refusals) {
        ClientModel client = login.authSession().getClient();
        return of(login, event, KeycloakSignIn.browserFlowAppType(client), Target.application(client.getClientId()),
                provenOutsideTheFlow, refusals);
    }

    /**
     * @param refusals what this request tried and was refused, for the sign-in log (for example a
     *     method that was not offered)
     */
    static EvaluatedSignIn of(KeycloakSignIn.Login login, EventBuilder event, ClientAppType appType, Target target,
            List<SatisfiedMethod> provenOutsideTheFlow, List<String> refusals) {
        return evaluated(login, event, appType, target, provenOutsideTheFlow, record -> record.refusing(refusals));
    }

    /**
     * The browser login under way, as a sign-in to registering security info, its record noting
     * what happened (a temporary access pass used).
     */
    static EvaluatedSignIn registering(KeycloakSignIn.Login login, EventBuilder event, String detail) {
        return evaluated(login, event, KeycloakSignIn.browserFlowAppType(login.authSession().getClient()),
                Target.registerSecurityInfo(), List.of(), record -> record.withDecisionDetail(detail));
    }

    private static EvaluatedSignIn evaluated(KeycloakSignIn.Login login, EventBuilder event, ClientAppType appType,
            Target target, List<SatisfiedMethod> provenOutsideTheFlow, UnaryOperator<SignInRecord> amend) {
        PortcullisProvider portcullis = login.session().getProvider(PortcullisProvider.class);
        KeycloakSignIn.Built built = KeycloakSignIn.build(login, portcullis, appType, target, provenOutsideTheFlow);
        Evaluation evaluation = portcullis.policies().evaluate(built.signIn());
        String id = UUID.randomUUID().toString();
        String correlationId = SignInCorrelation.of(login.authSession());
        String realm = login.realm().getName();
        portcullis.signIns().record(() -> amend.apply(SignInRecord.of(id, realm, built.signIn(), evaluation,
                built.risk())).withCorrelationId(correlationId));
        event.detail("portcullis_decision", evaluation.decision().result())
                .detail("portcullis_request_id", id)
                .detail("portcullis_snapshot", portcullis.policies().snapshotVersion().map(String::valueOf)
                        .orElse("fail-secure-default"));
        return new EvaluatedSignIn(portcullis, built, evaluation, id, correlationId);
    }

    /** What the user is told when this sign-in is refused: ids that find its record, never the policy. */
    BlockNotice notice() {
        return BlockNotice.of(built.signIn(), requestId, correlationId);
    }

    Decision decision() {
        return evaluation.decision();
    }
}
