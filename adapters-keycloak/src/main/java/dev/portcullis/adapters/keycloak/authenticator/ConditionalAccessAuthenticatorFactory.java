package dev.portcullis.adapters.keycloak.authenticator;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public final class ConditionalAccessAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "portcullis-conditional-access";
    private static final ConditionalAccessAuthenticator SINGLETON = new ConditionalAccessAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Portcullis Conditional Access";
    }

    @Override
    public String getHelpText() {
        return "Evaluates the Conditional Access policies for this sign-in: allows it, blocks it, marks the MFA step-up"
                + " the 'Portcullis requires ...' conditions run, or asks the user to register a method. Place it as a"
                + " REQUIRED step after the first-factor sub-flow (outside the Cookie alternative, so SSO logins are"
                + " evaluated too), and once more after the step-up sub-flows to verify them.";
    }

    @Override
    public String getReferenceCategory() {
        return "conditional-access";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
