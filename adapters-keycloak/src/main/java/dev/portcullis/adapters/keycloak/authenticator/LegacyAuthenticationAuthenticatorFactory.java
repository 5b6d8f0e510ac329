package dev.portcullis.adapters.keycloak.authenticator;

public final class LegacyAuthenticationAuthenticatorFactory extends EvaluationStepFactory {

    public static final String PROVIDER_ID = "portcullis-direct-grant";

    public LegacyAuthenticationAuthenticatorFactory() {
        super(new LegacyAuthenticationAuthenticator());
    }

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
}
