package dev.portcullis.adapters.keycloak.push;

import dev.portcullis.adapters.keycloak.authenticator.ServerConfiguredAuthenticatorFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

public final class PushAuthenticatorFactory extends PushProviderFactory<Authenticator>
        implements ServerConfiguredAuthenticatorFactory {

    public static final String PROVIDER_ID = "portcullis-push";
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
        AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Portcullis push approval (number matching)";
    }

    @Override
    public String getReferenceCategory() {
        return PushCredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Sends a sign-in request to the user's Portcullis Companion; the user types the number the login page"
                + " shows. No push for sign-ins at medium risk or above, at most one waiting per user, rate limited.";
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    /** The server options (timeouts, rate limit, mute), shown in the server info. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return PushSettings.metadata();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PushAuthenticator(this::store);
    }
}
