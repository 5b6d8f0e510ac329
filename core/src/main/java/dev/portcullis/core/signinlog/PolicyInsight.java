package dev.portcullis.core.signinlog;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.policy.PolicyState;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One policy's results over the sign-ins it was evaluated for, as Entra's Conditional Access
 * insights workbook sums them: success (met, or would have met), failure (blocked, or would have
 * been), user action required (MFA, a compliant device, a password change asked for, or would have
 * been) and not applied. Report-only and enforced results count alike; {@code state} tells which
 * the policy is now.
 */
public record PolicyInsight(String policyId, String displayName, PolicyState state, int signIns, int success,
        int failure, int userActionRequired, int notApplied) {

    /** A policy as stored now: the one row it gets, even without a sign-in. */
    public record Policy(String id, String displayName, PolicyState state) {}

    /**
     * Each policy's row, in the order given, counted in one pass over the records (a test's
     * reference, and the in-memory log's way); outcomes of policies not given (deleted since) are left out.
     */
    public static List<PolicyInsight> across(Collection<Policy> policies, List<SignInRecord> records) {
        return counted(policies, OutcomeCount.of(records));
    }

    /** Each policy's row, in the order given, summed from the counts of every policy's results. */
    public static List<PolicyInsight> counted(Collection<Policy> policies, List<OutcomeCount> outcomes) {
        Map<String, int[]> counts = new HashMap<>();
        policies.forEach(p -> counts.put(p.id(), new int[4]));
        for (OutcomeCount outcome : outcomes) {
            int[] count = counts.get(outcome.policyId());
            if (count != null) {
                count[column(outcome.result())] += outcome.count();
            }
        }
        return policies.stream().map(p -> {
            int[] c = counts.get(p.id());
            return new PolicyInsight(p.id(), p.displayName(), p.state(), c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2], c[3]);
        }).toList();
    }

    private static int column(PolicyOutcome.Result result) {
        return switch (result) {
            case SUCCESS, REPORT_ONLY_SUCCESS -> 0;
            case FAILURE, REPORT_ONLY_FAILURE -> 1;
            case INTERRUPTED, REPORT_ONLY_INTERRUPTED -> 2;
            case NOT_APPLIED, NOT_ENABLED, REPORT_ONLY_NOT_APPLIED -> 3;
        };
    }
}
