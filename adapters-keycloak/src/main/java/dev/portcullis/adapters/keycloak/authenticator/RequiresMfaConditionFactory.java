package dev.portcullis.adapters.keycloak.authenticator;

public final class RequiresMfaConditionFactory extends StepUpConditionFactory {

    public static final String PROVIDER_ID = "portcullis-cond-mfa";

    public RequiresMfaConditionFactory() {
        super(StepUp.MFA);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - Portcullis requires MFA";
    }

    @Override
    public String getHelpText() {
        return "True when the Conditional Access step decided this sign-in needs MFA (any method of the required"
                + " strength). Put Keycloak's OTP form, and WebAuthn as an alternative, after it in a CONDITIONAL sub-flow.";
    }
}
