package dev.portcullis.adapters.keycloak.authenticator;

public final class RequiresPhishingResistantConditionFactory extends StepUpConditionFactory {

    public static final String PROVIDER_ID = "portcullis-cond-phishing-resistant";

    public RequiresPhishingResistantConditionFactory() {
        super(StepUp.PHISHING_RESISTANT);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - Portcullis requires phishing-resistant MFA";
    }

    @Override
    public String getHelpText() {
        return "True when the Conditional Access step decided this sign-in needs phishing-resistant MFA (a WebAuthn"
                + " security key or passkey). Put Keycloak's WebAuthn authenticators after it in a CONDITIONAL sub-flow.";
    }
}
