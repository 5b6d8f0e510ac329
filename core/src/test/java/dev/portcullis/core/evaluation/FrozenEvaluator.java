package dev.portcullis.core.evaluation;

import dev.portcullis.core.condition.Condition;
import dev.portcullis.core.condition.ConditionResult;
import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.Reason;
import dev.portcullis.core.evaluation.Decision.RegistrationRequirement;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluator as it was before issue 16 split it (commit 3ffe5ee), frozen: the characterisation
 * properties compare every decision and explanation of {@link Evaluator} against it. Kept only as
 * that oracle; delete it with them once the split has settled.
 */
final class FrozenEvaluator {

    private static final Comparator<Reason> BY_POLICY = Comparator.comparing(Reason::policyId);

    private final PolicySet policySet;
    private final Map<String, NamedLocation> locations;
    private final CompiledPolicy[] all;
    private final CompiledPolicy[] enforced;
    private final PolicyIndex index;

    private FrozenEvaluator(PolicySet policySet) {
        this.policySet = policySet;
        this.locations = policySet.namedLocations();
        List<CompiledPolicy> compiled = policySet.policies().stream().map(this::compile).toList();
        this.all = compiled.toArray(CompiledPolicy[]::new);
        this.enforced = compiled.stream().filter(p -> p.policy.state() == PolicyState.ENABLED)
                .toArray(CompiledPolicy[]::new);
        this.index = new PolicyIndex(java.util.Arrays.stream(enforced).map(p -> p.policy).toList());
    }

    /** Compiles the set once; keep the evaluator for as long as the set does not change. */
    static FrozenEvaluator of(PolicySet policySet) {
        return new FrozenEvaluator(policySet);
    }

    /** One-off evaluation; for repeated use keep {@link #of(PolicySet)}. */
    public static Evaluation evaluate(PolicySet policySet, SignIn signIn) {
        return of(policySet).evaluate(signIn);
    }

    public PolicySet policySet() {
        return policySet;
    }

    public Evaluation evaluate(SignIn signIn) {
        return new Evaluation(decide(signIn), () -> explainAll(signIn));
    }

    /** The decision alone, without per-policy explanations (the login hot path). */
    public Decision decide(SignIn signIn) {
        Decision decision = proveBeforeAdding(signIn, decideEnforced(signIn));
        if (decision instanceof Decision.RegistrationRequired pending) {
            return registrationGate(signIn, pending.registrations());
        }
        return decision;
    }

    private Decision decideEnforced(SignIn signIn) {
        long[] candidates = index.candidates(signIn);
        List<Reason> blocks = null;
        List<AuthenticationRequirement> authentication = null;
        List<RegistrationRequirement> registration = null;
        List<String> passwordChange = null;
        for (int w = 0; w < candidates.length; w++) {
            long word = candidates[w];
            while (word != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                CompiledPolicy policy = enforced[i];
                if (!policy.applies(signIn, locations)) {
                    continue;
                }
                GrantAssessment assessment = policy.assess(signIn);
                if (assessment instanceof GrantAssessment.Blocked) {
                    blocks = add(blocks, new Reason(policy.id(), policy.name(), "blocked by policy"));
                } else if (assessment instanceof GrantAssessment.Unsatisfiable u) {
                    blocks = add(blocks, new Reason(policy.id(), policy.name(), u.message()));
                } else if (assessment instanceof GrantAssessment.Pending p) {
                    for (AuthenticationRequirement r : p.authentication()) {
                        authentication = add(authentication, r);
                    }
                    for (RegistrationRequirement r : p.registration()) {
                        registration = add(registration, r);
                    }
                    if (p.passwordChange()) {
                        passwordChange = add(passwordChange, policy.id());
                    }
                }
            }
        }
        // Sorted by policy id so the decision never depends on the order policies are listed in.
        if (blocks != null) {
            blocks.sort(BY_POLICY);
            return new Decision.Block(blocks);
        }
        if (authentication != null || passwordChange != null) {
            // Step-ups with registered methods come first; a pending registration follows on re-evaluation.
            List<AuthenticationRequirement> auth = authentication == null ? new ArrayList<>() : authentication;
            auth.sort(Comparator.comparing(AuthenticationRequirement::policyId));
            List<String> pwd = passwordChange == null ? new ArrayList<>() : passwordChange;
            pwd.sort(Comparator.naturalOrder());
            if (registration != null) {
                // A registration the gate refuses makes the sign-in impossible: block now rather than
                // prompt for a step-up that can only end in that block.
                registration.sort(Comparator.comparing(RegistrationRequirement::policyId));
                Decision gate = registrationGate(signIn, registration);
                if (gate instanceof Decision.Block) {
                    return gate;
                }
            }
            return new Decision.RequireControls(auth, pwd);
        }
        if (registration != null) {
            registration.sort(Comparator.comparing(RegistrationRequirement::policyId));
            return new Decision.RegistrationRequired(registration); // not final until the gate agrees
        }
        return Decision.ALLOW;
    }

    /**
     * A user who must register a method may do so only as far as the policies on registering
     * security info allow: a block there blocks, a step-up there comes first, and a user who must
     * prove MFA to register but has nothing registered is blocked (Entra's rule; a temporary access
     * pass or a trusted location is the way in).
     */
    private Decision registrationGate(SignIn signIn, List<RegistrationRequirement> registrations) {
        // Never on registering security info itself: a registration there is already a failed control.
        Decision gate = decide(signIn.withTarget(Target.registerSecurityInfo()));
        if (gate instanceof Decision.Allow) {
            return new Decision.RegistrationRequired(registrations);
        }
        if (gate instanceof Decision.Block block) {
            return new Decision.Block(block.reasons().stream()
                    .map(r -> new Reason(r.policyId(), r.policyName(), "registering security info: " + r.message()))
                    .toList());
        }
        return gate; // a step-up with a registered method comes before registering another one
    }

    private List<PolicyOutcome> explainAll(SignIn signIn) {
        List<PolicyOutcome> outcomes = new ArrayList<>(all.length);
        for (CompiledPolicy policy : all) {
            outcomes.add(policy.explain(signIn, locations));
        }
        return outcomes;
    }

    private static <T> List<T> add(List<T> list, T value) {
        List<T> result = list == null ? new ArrayList<>(2) : list;
        result.add(value);
        return result;
    }

    private CompiledPolicy compile(ConditionalAccessPolicy policy) {
        GrantControls grant = policy.grantControls();
        AuthenticationStrength strength = grant.authenticationStrengthId().map(policySet::strength).orElse(null);
        return new CompiledPolicy(policy, policy.conditions().configured().toArray(Condition[]::new), strength,
                policy.sessionControls().signInFrequency().orElse(null));
    }

    /** A policy with its conditions in evaluation order and its strength resolved. */
    private record CompiledPolicy(
            ConditionalAccessPolicy policy,
            Condition[] conditions,
            AuthenticationStrength strength,
            SignInFrequency frequency) {

        String id() {
            return policy.id();
        }

        String name() {
            return policy.displayName();
        }

        boolean applies(SignIn signIn, Map<String, NamedLocation> locations) {
            for (Condition condition : conditions) {
                if (!condition.evaluate(signIn, locations).matched()) {
                    return false;
                }
            }
            return true;
        }

        PolicyOutcome explain(SignIn signIn, Map<String, NamedLocation> locations) {
            PolicyState state = policy.state();
            if (state == PolicyState.DISABLED) {
                return outcome(Result.NOT_ENABLED, List.of("policy is disabled"));
            }
            boolean reportOnly = state == PolicyState.REPORT_ONLY;
            List<String> reasons = new ArrayList<>();
            for (Condition condition : conditions) {
                ConditionResult result = condition.evaluate(signIn, locations);
                if (!result.matched()) {
                    return outcome(reportOnly ? Result.REPORT_ONLY_NOT_APPLIED : Result.NOT_APPLIED,
                            List.of(condition.name() + ": " + result.reason()));
                }
                if (!result.reason().isEmpty()) {
                    reasons.add(condition.name() + ": " + result.reason());
                }
            }
            GrantAssessment assessment = assess(signIn);
            Result result;
            if (assessment instanceof GrantAssessment.Satisfied) {
                result = reportOnly ? Result.REPORT_ONLY_SUCCESS : Result.SUCCESS;
                reasons.add("grantControls: satisfied");
            } else if (assessment instanceof GrantAssessment.Blocked) {
                result = reportOnly ? Result.REPORT_ONLY_FAILURE : Result.FAILURE;
                reasons.add("grantControls: block");
            } else if (assessment instanceof GrantAssessment.Unsatisfiable u) {
                result = reportOnly ? Result.REPORT_ONLY_FAILURE : Result.FAILURE;
                reasons.add("grantControls: " + u.message());
            } else {
                result = reportOnly ? Result.REPORT_ONLY_INTERRUPTED : Result.INTERRUPTED;
                reasons.add("grantControls: " + ((GrantAssessment.Pending) assessment).message());
            }
            return outcome(result, reasons);
        }

        private PolicyOutcome outcome(Result result, List<String> reasons) {
            return new PolicyOutcome(policy.id(), policy.displayName(), policy.state(), result, reasons);
        }

        GrantAssessment assess(SignIn signIn) {
            GrantControls grant = policy.grantControls();
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
            return pending(auth, reg, pwd);
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
                return pending(List.of(s.requirement()), List.of(), false);
            }
            if (best instanceof ControlCheck.Register r) {
                return pending(List.of(), List.of(r.requirement()), false);
            }
            return pending(List.of(), List.of(), true);
        }

        private static GrantAssessment pending(
                List<AuthenticationRequirement> auth, List<RegistrationRequirement> reg, boolean pwd) {
            List<String> parts = new ArrayList<>();
            auth.forEach(a -> parts.add("requires " + a.strength().displayName()));
            reg.forEach(r -> parts.add("requires registering a method for " + r.strength().displayName()
                    + " (" + r.options().stream().map(AuthenticationMethod::graphName).sorted().toList() + ")"));
            if (pwd) {
                parts.add("requires a password change");
            }
            return new GrantAssessment.Pending(auth, reg, pwd, String.join("; ", parts));
        }

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
                return new ControlCheck.StepUp(new AuthenticationRequirement(id(), required, notBefore));
            }
            if (signIn.target().equals(Target.registerSecurityInfo())) {
                // Registering cannot wait on registering: this control fails here (Entra's rule), and says the way in.
                return new ControlCheck.Unmet("registering security info requires " + required.displayName()
                        + ", and no such method is registered: register from a trusted location"
                        + " or ask an administrator for a temporary access pass");
            }
            Set<AuthenticationMethod> options = new RegistrationState(available).registrationOptions(required);
            if (!options.isEmpty()) {
                return new ControlCheck.Register(new RegistrationRequirement(id(), required, options));
            }
            return new ControlCheck.Unmet(required.displayName()
                    + " is required, and no registered method can meet it and none can be registered");
        }

        /** Methods used before this no longer count, per the policy's sign-in frequency. */
        private Instant notBefore(SignIn signIn) {
            if (frequency == null) {
                return Instant.MIN;
            }
            return frequency.notBefore(signIn.time());
        }
    }

    /** One control's state for one sign-in. */
    private sealed interface ControlCheck {
        record Met() implements ControlCheck {}

        record Unmet(String message) implements ControlCheck {}

        record StepUp(AuthenticationRequirement requirement) implements ControlCheck {}

        record Register(RegistrationRequirement requirement) implements ControlCheck {}

        record ChangePassword() implements ControlCheck {}

        ControlCheck MET = new Met();
        ControlCheck PASSWORD_CHANGE = new ChangePassword();

        /** With OR, the alternative offered: a step-up before a password change before a registration. */
        default int preference() {
            if (this instanceof StepUp) {
                return 0;
            }
            return this instanceof ChangePassword ? 1 : 2;
        }
    }

    private static final String PROVE_BEFORE_ADDING = "portcullis-prove-before-adding";

    private static Decision proveBeforeAdding(SignIn signIn, Decision decision) {
        if (!(signIn.target() instanceof Target.UserAction action)
                || !Target.REGISTER_SECURITY_INFO.equals(action.action())
                || !signIn.registration().canSatisfy(AuthenticationStrength.MFA)
                || AuthenticationStrength.MFA.isSatisfiedBy(signIn.methodsSatisfied())) {
            return decision;
        }
        Decision proveFirst = new Decision.RequireControls(
                List.of(new AuthenticationRequirement(PROVE_BEFORE_ADDING, AuthenticationStrength.MFA, Instant.MIN)),
                List.of());
        return Decision.both(decision, proveFirst);
    }

    private sealed interface GrantAssessment {
        record Satisfied() implements GrantAssessment {}

        record Blocked() implements GrantAssessment {}

        record Unsatisfiable(String message) implements GrantAssessment {}

        record Pending(
                List<AuthenticationRequirement> authentication,
                List<RegistrationRequirement> registration,
                boolean passwordChange,
                String message) implements GrantAssessment {}

        Satisfied SATISFIED = new Satisfied();
        Blocked BLOCKED = new Blocked();
    }
}
