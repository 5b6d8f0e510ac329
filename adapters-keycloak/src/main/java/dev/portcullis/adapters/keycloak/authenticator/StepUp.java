package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.method.AuthenticationMethod;
import java.util.EnumSet;
import java.util.Set;

/** Which of the flow's step-up sub-flows a decision asks for, kept in the {@link LoginState}. */
enum StepUp {
    MFA("mfa"),
    PHISHING_RESISTANT("phishing-resistant");

    private static final Set<AuthenticationMethod> PHISHING_RESISTANT_METHODS =
            EnumSet.of(AuthenticationMethod.SECURITY_KEY, AuthenticationMethod.PASSKEY);

    private final String note;

    StepUp(String note) {
        this.note = note;
    }

    String note() {
        return note;
    }

    /**
     * Phishing-resistant when nothing else the user has could satisfy every requirement at once;
     * otherwise the ordinary MFA step (OTP form, or a WebAuthn key offered as another way).
     */
    static StepUp of(Decision.RequireControls decision, Set<AuthenticationMethod> satisfied,
            Set<AuthenticationMethod> registered) {
        Set<AuthenticationMethod> options = decision.singleStepOptions(satisfied, registered);
        if (!options.isEmpty() && PHISHING_RESISTANT_METHODS.containsAll(options)) {
            return PHISHING_RESISTANT;
        }
        boolean onlyKeysWillDo = decision.strengths().stream().allMatch(s -> PHISHING_RESISTANT_METHODS.containsAll(
                s.methods().stream().filter(m -> m != AuthenticationMethod.PASSWORD).toList()));
        return options.isEmpty() && onlyKeysWillDo ? PHISHING_RESISTANT : MFA;
    }
}
