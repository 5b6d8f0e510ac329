package dev.portcullis.core.evaluation;

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.Reason;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Every rule on registering security info (Entra's user action "Register security information"):
 * <ul>
 *   <li>a sign-in that must register a method may do so only as far as the policies on that user
 *       action allow: a block there blocks, a step-up there comes first;</li>
 *   <li>registering cannot wait on registering: a policy there whose strength no registered method
 *       meets fails, unless the user holds a temporary access pass, which then stands in for MFA
 *       (else a trusted location is the way in);</li>
 *   <li>prove before adding: a user who can already do MFA proves it before adding another method,
 *       whatever the policies say, so a stolen password alone never enrols an attacker's authenticator.</li>
 * </ul>
 * The gate evaluates the policies on registering once, never itself: no recursion to end.
 */
public final class RegistrationGate {

    /** The id the prove-before-adding requirement carries in a decision; no policy has it. */
    public static final String PROVE_BEFORE_ADDING = "portcullis-prove-before-adding";

    private final DecisionCombiner combiner;

    RegistrationGate(DecisionCombiner combiner) {
        this.combiner = combiner;
    }

    static boolean isRegistering(SignIn signIn) {
        return signIn.target() instanceof Target.UserAction action
                && Target.REGISTER_SECURITY_INFO.equals(action.action());
    }

    /**
     * Whether the user's temporary access pass is the way in to registering: as in Entra, a pass
     * stands in for MFA while registering, and what it leads to is the authenticator app it makes the
     * user set up (a one-time code with the password), so it serves a strength that combination meets,
     * never a phishing-resistant one. The step-up it asks for offers the pass.
     */
    static boolean passLeadsThrough(SignIn signIn, AuthenticationStrength required) {
        return signIn.registration().temporaryAccessPass() && isRegistering(signIn)
                && required.isSatisfiedBy(EnumSet.of(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP));
    }

    /** Why a strength demanded while registering fails, and the way in. */
    static String cannotRegisterFirst(AuthenticationStrength required) {
        return "registering security info requires " + required.displayName()
                + ", and no such method is registered: register from a trusted location"
                + " or ask an administrator for a temporary access pass";
    }

    /** The final decision for a sign-in, given what its enforced policies demand together. */
    Decision decide(SignIn signIn, DecisionCombiner.Combined combined) {
        Decision decision = combined.decision();
        if (isRegistering(signIn)) {
            return proveBeforeAdding(signIn, decision); // never a registration here: see cannotRegisterFirst
        }
        if (combined.registrations().isEmpty() || decision instanceof Decision.Block) {
            return decision;
        }
        Decision registering = registering(signIn.withTarget(Target.registerSecurityInfo()));
        if (registering instanceof Decision.Block refused) {
            // Even behind a step-up: block now rather than prompt for one that can only end in this block.
            return new Decision.Block(refused.reasons().stream()
                    .map(r -> new Reason(r.policyId(), r.policyName(), "registering security info: " + r.message()))
                    .toList());
        }
        if (decision instanceof Decision.RequireControls) {
            return decision; // the registration follows on re-evaluation, after the step-up
        }
        // Allowed: the registration. A step-up with a registered method comes before registering another one.
        return registering instanceof Decision.Allow ? decision : registering;
    }

    /** The decision of the policies on registering security info, with the built-in rule. */
    private Decision registering(SignIn signIn) {
        return proveBeforeAdding(signIn, combiner.combine(signIn).decision());
    }

    private static Decision proveBeforeAdding(SignIn signIn, Decision decision) {
        if (!signIn.registration().canSatisfy(AuthenticationStrength.MFA)
                || AuthenticationStrength.MFA.isSatisfiedBy(signIn.methodsSatisfied())) {
            return decision;
        }
        Decision proveFirst = new Decision.RequireControls(
                List.of(new AuthenticationRequirement(PROVE_BEFORE_ADDING, AuthenticationStrength.MFA, Instant.MIN)),
                List.of());
        return Decision.both(decision, proveFirst);
    }
}
