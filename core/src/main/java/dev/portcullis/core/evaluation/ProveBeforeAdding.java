package dev.portcullis.core.evaluation;

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Instant;
import java.util.List;

/**
 * Entra's built-in rule for registering security info, which holds whatever the policies say: a
 * user who can already do MFA must prove it before adding another method, so a stolen password alone
 * never enrols an attacker's authenticator.
 */
public final class ProveBeforeAdding {

    /** The id the rule's requirement carries in a decision; no policy has it. */
    public static final String RULE_ID = "portcullis-prove-before-adding";

    private ProveBeforeAdding() {}

    static Decision apply(SignIn signIn, Decision decision) {
        if (!(signIn.target() instanceof Target.UserAction action)
                || !Target.REGISTER_SECURITY_INFO.equals(action.action())
                || !signIn.registration().canSatisfy(AuthenticationStrength.MFA)
                || AuthenticationStrength.MFA.isSatisfiedBy(signIn.methodsSatisfied())) {
            return decision;
        }
        Decision proveFirst = new Decision.RequireControls(
                List.of(new AuthenticationRequirement(RULE_ID, AuthenticationStrength.MFA, Instant.MIN)), List.of());
        return Decision.both(decision, proveFirst);
    }
}
