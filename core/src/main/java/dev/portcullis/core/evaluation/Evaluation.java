package dev.portcullis.core.evaluation;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The decision for one sign-in, plus one outcome per policy (enforced, report-only and disabled)
 * saying why. The outcomes are worked out on first request, so a login that only needs the
 * decision does not pay for explaining thousands of policies that did not apply.
 */
public final class Evaluation {

    private final Decision decision;
    private final Supplier<List<PolicyOutcome>> explain;
    private volatile List<PolicyOutcome> outcomes;

    Evaluation(Decision decision, Supplier<List<PolicyOutcome>> explain) {
        this.decision = decision;
        this.explain = explain;
    }

    public Decision decision() {
        return decision;
    }

    /** Every policy of the set, in the set's order. */
    public List<PolicyOutcome> policyOutcomes() {
        List<PolicyOutcome> result = outcomes;
        if (result == null) {
            result = List.copyOf(explain.get());
            outcomes = result;
        }
        return result;
    }

    public Optional<PolicyOutcome> outcome(String policyId) {
        return policyOutcomes().stream().filter(o -> o.policyId().equals(policyId)).findFirst();
    }

    /** Outcomes of policies that applied (enforced or report-only). */
    public List<PolicyOutcome> appliedPolicies() {
        return policyOutcomes().stream().filter(PolicyOutcome::applied).toList();
    }

    @Override
    public String toString() {
        return "Evaluation[" + decision + "]";
    }
}
