package dev.portcullis.adapters.keycloak.authenticator;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** A step that evaluates the policies for a sign-in (browser flow, or password grant): one stateless authenticator. */
abstract class EvaluationStepFactory extends PortcullisStepFactory {

    private final Authenticator singleton;

    EvaluationStepFactory(Authenticator singleton) {
        this.singleton = singleton;
    }

    @Override
    public String getReferenceCategory() {
        return "conditional-access";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return singleton;
    }
}
