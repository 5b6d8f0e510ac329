package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.spi.StatelessProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;

/**
 * What every Portcullis step shares: REQUIRED or DISABLED, nothing to configure per execution
 * (all configuration is server-wide, in the portcullis SPI), no user set-up, no state.
 */
abstract class PortcullisStepFactory implements ServerConfiguredAuthenticatorFactory,
        StatelessProviderFactory<Authenticator> {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }
}
