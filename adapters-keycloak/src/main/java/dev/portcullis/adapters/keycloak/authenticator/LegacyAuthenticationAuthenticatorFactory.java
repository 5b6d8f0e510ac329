package dev.portcullis.adapters.keycloak.authenticator;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public final class LegacyAuthenticationAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "portcullis-direct-grant";
    private static final LegacyAuthenticationAuthenticator SINGLETON = new LegacyAuthenticationAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Portcullis Conditional Access (password grant)";
    }

    @Override
    public String getHelpText() {
        return "Evaluates the Conditional Access policies for the resource-owner password grant, classified as legacy"
                + " authentication ('other'). Place it after 'Password' in the direct grant flow. Blocked sign-ins, and"
                + " sign-ins that would need MFA, get an OAuth access_denied error.";
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
