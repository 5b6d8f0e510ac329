package dev.portcullis.adapters.keycloak.authenticator;

public final class ConditionalAccessAuthenticatorFactory extends EvaluationStepFactory {

    public static final String PROVIDER_ID = "portcullis-conditional-access";

    public ConditionalAccessAuthenticatorFactory() {
        super(new ConditionalAccessAuthenticator());
    }

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
}
