package dev.portcullis.core.evaluation;

import dev.portcullis.core.policy.PolicyState;
import java.util.List;

/**
 * One policy's result for one sign-in, and why. The result names follow Graph's
 * {@code appliedConditionalAccessPolicy.result}; {@code interrupted} (a step-up or registration is
 * under way) is Portcullis' addition for enforced policies.
 */
public record PolicyOutcome(String policyId, String displayName, PolicyState state, Result result, List<String> reasons) {

    public enum Result {
        SUCCESS("success"),
        FAILURE("failure"),
        INTERRUPTED("interrupted"),
        NOT_APPLIED("notApplied"),
        NOT_ENABLED("notEnabled"),
        REPORT_ONLY_SUCCESS("reportOnlySuccess"),
        REPORT_ONLY_FAILURE("reportOnlyFailure"),
        REPORT_ONLY_INTERRUPTED("reportOnlyInterrupted"),
        REPORT_ONLY_NOT_APPLIED("reportOnlyNotApplied");

        private final String graphName;

        Result(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }
    }

    public PolicyOutcome {
        reasons = List.copyOf(reasons);
    }

    /** Whether every condition matched (the policy applies to this sign-in). */
    public boolean applied() {
        return result != Result.NOT_APPLIED && result != Result.REPORT_ONLY_NOT_APPLIED && result != Result.NOT_ENABLED;
    }
}
