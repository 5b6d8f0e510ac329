package dev.portcullis.core.evaluation;

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.RegistrationRequirement;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.SignIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether what a sign-in has (methods used, registered methods, device, password change) meets one
 * policy's grant controls, and if not, what would: a step-up, a registration or a password change.
 *
 * @param strength the policy's authentication strength, resolved; null if it names none
 * @param frequency the policy's sign-in frequency; null if it sets none
 */
record GrantAssessor(String policyId, GrantControls grant, AuthenticationStrength strength, SignInFrequency frequency) {

    GrantAssessment assess(SignIn signIn) {
        if (grant.blocks()) {
            return GrantAssessment.BLOCKED;
        }
        if (grant.controlCount() == 0) {
            return GrantAssessment.SATISFIED; // a session-only policy grants access as it is
        }
        List<ControlCheck> checks = new ArrayList<>(3);
        for (BuiltInControl control : BuiltInControl.values()) { // enum order: stable messages
            if (!grant.builtInControls().contains(control)) {
                continue;
            }
            checks.add(switch (control) {
                case MFA -> checkStrength(AuthenticationStrength.MFA, signIn);
                case MFA_REGISTRATION -> checkRegisteredForMfa(signIn);
                case COMPLIANT_DEVICE -> signIn.device().isCompliant()
                        ? ControlCheck.MET
                        : new ControlCheck.Unmet("a compliant device is required, and this device is "
                                + (signIn.device() instanceof DeviceState.Unknown ? "unknown" : "not compliant"));
                case PASSWORD_CHANGE -> signIn.passwordChangedAt().filter(at -> !at.isBefore(signIn.time())).isPresent()
                        ? ControlCheck.MET
                        : ControlCheck.PASSWORD_CHANGE;
                default -> new ControlCheck.Unmet("control '" + control.graphName()
                        + "' cannot be satisfied in Keycloak (fail secure)");
                // BLOCK is handled above.
            });
        }
        if (strength != null) {
            checks.add(checkStrength(strength, signIn));
        }
        grant.customAuthenticationFactors().forEach(f -> checks.add(
                new ControlCheck.Unmet("custom control '" + f + "' cannot be satisfied (fail secure)")));
        grant.termsOfUse().forEach(t -> checks.add(
                new ControlCheck.Unmet("terms of use '" + t + "' cannot be accepted in Keycloak (fail secure)")));
        return grant.operator() == GrantOperator.AND ? allOf(checks) : anyOf(checks);
    }

    private static GrantAssessment allOf(List<ControlCheck> checks) {
        List<String> unmet = new ArrayList<>();
        List<AuthenticationRequirement> auth = new ArrayList<>();
        List<RegistrationRequirement> reg = new ArrayList<>();
        boolean pwd = false;
        for (ControlCheck check : checks) {
            if (check instanceof ControlCheck.Unmet u) {
                unmet.add(u.message());
            } else if (check instanceof ControlCheck.StepUp s) {
                auth.add(s.requirement());
            } else if (check instanceof ControlCheck.Register r) {
                reg.add(r.requirement());
            } else if (check instanceof ControlCheck.ChangePassword) {
                pwd = true;
            }
        }
        if (!unmet.isEmpty()) {
            return new GrantAssessment.Unsatisfiable(String.join("; ", unmet));
        }
        if (auth.isEmpty() && reg.isEmpty() && !pwd) {
            return GrantAssessment.SATISFIED;
        }
        return GrantAssessment.pending(auth, reg, pwd);
    }

    private static GrantAssessment anyOf(List<ControlCheck> checks) {
        List<String> unmet = new ArrayList<>();
        ControlCheck best = null;
        for (ControlCheck check : checks) {
            if (check instanceof ControlCheck.Met) {
                return GrantAssessment.SATISFIED;
            }
            if (check instanceof ControlCheck.Unmet u) {
                unmet.add(u.message());
            } else if (best == null || check.preference() < best.preference()) {
                best = check;
            }
        }
        if (best == null) {
            return new GrantAssessment.Unsatisfiable(String.join("; ", unmet));
        }
        if (best instanceof ControlCheck.StepUp s) {
            return GrantAssessment.pending(List.of(s.requirement()), List.of(), false);
        }
        if (best instanceof ControlCheck.Register r) {
            return GrantAssessment.pending(List.of(), List.of(r.requirement()), false);
        }
        return GrantAssessment.pending(List.of(), List.of(), true);
    }

    /** Met by methods used; else a step-up with registered ones; else a registration, where one may happen. */
    private ControlCheck checkStrength(AuthenticationStrength required, SignIn signIn) {
        Instant notBefore = notBefore(signIn);
        Set<AuthenticationMethod> used = signIn.methodsSatisfiedSince(notBefore);
        if (required.isSatisfiedBy(used)) {
            return ControlCheck.MET;
        }
        Set<AuthenticationMethod> available = EnumSet.noneOf(AuthenticationMethod.class);
        available.addAll(used);
        available.addAll(signIn.registration().registered());
        if (required.isSatisfiedBy(available)) {
            return new ControlCheck.StepUp(new AuthenticationRequirement(policyId, required, notBefore));
        }
        if (RegistrationGate.isRegistering(signIn)) {
            return RegistrationGate.passLeadsThrough(signIn, required)
                    ? new ControlCheck.StepUp(new AuthenticationRequirement(policyId, required, notBefore))
                    : new ControlCheck.Unmet(RegistrationGate.cannotRegisterFirst(required));
        }
        Set<AuthenticationMethod> options = new RegistrationState(available).registrationOptions(required);
        if (!options.isEmpty()) {
            return new ControlCheck.Register(new RegistrationRequirement(policyId, required, options));
        }
        return new ControlCheck.Unmet(required.displayName()
                + " is required, and no registered method can meet it and none can be registered");
    }

    /** Met by a method that can do MFA, registered or used; else a registration, where one may happen. */
    private ControlCheck checkRegisteredForMfa(SignIn signIn) {
        Set<AuthenticationMethod> available = EnumSet.noneOf(AuthenticationMethod.class);
        available.addAll(signIn.methodsSatisfied());
        available.addAll(signIn.registration().registered());
        if (AuthenticationStrength.MFA.isSatisfiedBy(available) || RegistrationGate.isRegistering(signIn)) {
            return ControlCheck.MET; // registering is what this control asks for
        }
        Set<AuthenticationMethod> options = new RegistrationState(available).registrationOptions(AuthenticationStrength.MFA);
        if (!options.isEmpty()) {
            return new ControlCheck.Register(new RegistrationRequirement(policyId, AuthenticationStrength.MFA, options));
        }
        return new ControlCheck.Unmet("registering a method for MFA is required, and none can be registered");
    }

    /** Methods used before this no longer count, per the policy's sign-in frequency. */
    private Instant notBefore(SignIn signIn) {
        if (frequency == null) {
            return Instant.MIN;
        }
        return frequency.notBefore(signIn.time());
    }
}
