package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.spi.StatelessProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;

/** Registers {@link TemporaryAccessPassAuthenticator}: an alternative of the MFA step-up. */
public final class TemporaryAccessPassAuthenticatorFactory implements ServerConfiguredAuthenticatorFactory,
        StatelessProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "portcullis-temporary-access-pass";
    private static final TemporaryAccessPassAuthenticator SINGLETON = new TemporaryAccessPassAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
        AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Temporary Access Pass";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public String getHelpText() {
        return "Sign in with a temporary access pass from your administrator, to set up a new authenticator.";
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
