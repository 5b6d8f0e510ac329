package dev.portcullis.adapters.keycloak.authenticator;

import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;

/** The two "Condition - Portcullis requires ..." conditions, one factory each (Keycloak's way). */
abstract class StepUpConditionFactory extends PortcullisStepFactory implements ConditionalAuthenticatorFactory {

    private final ConditionalAuthenticator singleton;

    StepUpConditionFactory(StepUp stepUp) {
        this.singleton = new StepUpCondition(stepUp);
    }

    @Override
    public ConditionalAuthenticator getSingleton() {
        return singleton;
    }
}
