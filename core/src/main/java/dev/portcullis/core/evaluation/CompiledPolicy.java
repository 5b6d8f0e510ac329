package dev.portcullis.core.evaluation;

import dev.portcullis.core.condition.Condition;
import dev.portcullis.core.condition.ConditionResult;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.SignIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A policy compiled for fast matching: only its configured conditions, in evaluation order, and its
 * grant controls with their authentication strength resolved once per policy set.
 */
record CompiledPolicy(ConditionalAccessPolicy policy, Condition[] conditions, GrantAssessor grant) {

    static CompiledPolicy compile(ConditionalAccessPolicy policy, PolicySet policySet) {
        GrantControls controls = policy.grantControls();
        return new CompiledPolicy(policy, policy.conditions().configured().toArray(Condition[]::new),
                new GrantAssessor(policy.id(), controls,
                        controls.authenticationStrengthId().map(policySet::strength).orElse(null),
                        policy.sessionControls().signInFrequency().orElse(null)));
    }

    String id() {
        return policy.id();
    }

    String name() {
        return policy.displayName();
    }

    boolean enforced() {
        return policy.state() == PolicyState.ENABLED;
    }

    /** Every configured condition matches (the first that does not ends the check). */
    boolean applies(SignIn signIn, Map<String, NamedLocation> locations) {
        for (Condition condition : conditions) {
            if (!condition.evaluate(signIn, locations).matched()) {
                return false;
            }
        }
        return true;
    }

    GrantAssessment assess(SignIn signIn) {
        return grant.assess(signIn);
    }

    /** The policy's result with its reasons, as the sign-in log shows it, whatever the policy's state. */
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
}
