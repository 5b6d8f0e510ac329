package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.PortcullisEngine;
import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signinlog.SignInRecord;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * One evaluation of the login under way, as every Portcullis step does it: build the sign-in,
 * decide, log the sign-in record (shipped asynchronously) and note the decision on the event.
 */
record EvaluatedSignIn(PortcullisEngine engine, KeycloakSignIn.Built built, Evaluation evaluation) {

    static EvaluatedSignIn of(AuthenticationFlowContext context, ClientAppType appType) {
        PortcullisEngine engine = context.getSession().getProvider(PortcullisProvider.class).engine();
        KeycloakSignIn.Built built = KeycloakSignIn.build(context, engine, appType);
        Evaluation evaluation = engine.evaluate(built.signIn());
        String id = UUID.randomUUID().toString();
        String realm = context.getRealm().getName();
        engine.record(() -> SignInRecord.of(id, realm, built.signIn(), evaluation, built.risk()));
        context.getEvent().detail("portcullis_decision", evaluation.decision().result())
                .detail("portcullis_snapshot", engine.snapshotVersion().map(String::valueOf).orElse("fail-secure-default"));
        return new EvaluatedSignIn(engine, built, evaluation);
    }

    Decision decision() {
        return evaluation.decision();
    }
}
