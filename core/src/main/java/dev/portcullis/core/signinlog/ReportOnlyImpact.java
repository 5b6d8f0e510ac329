package dev.portcullis.core.signinlog;

import dev.portcullis.core.evaluation.PolicyOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy would have done had it been on, over the sign-ins it was evaluated for: how many
 * it would have blocked, how many it would have prompted for more (MFA, a compliant device, ...),
 * how many already met it, and how many it did not apply to. The figures an administrator reads
 * before switching a report-only policy on. Sign-ins it was enforced for are counted apart.
 */
public record ReportOnlyImpact(String policyId, int signIns, int wouldBlock, int wouldPrompt, int wouldPass,
        int notApplied, int enforced) {

    /** Counted from the records themselves (a test's reference, and the in-memory log's way). */
    public static ReportOnlyImpact of(String policyId, List<SignInRecord> records) {
        return counted(policyId, OutcomeCount.of(records));
    }

    /** Summed from the counts of every policy's results: this policy's rows are picked out. */
    public static ReportOnlyImpact counted(String policyId, List<OutcomeCount> counts) {
        Map<PolicyOutcome.Result, Integer> mine = new EnumMap<>(PolicyOutcome.Result.class);
        counts.stream().filter(c -> c.policyId().equals(policyId)).forEach(c -> mine.merge(c.result(), c.count(), Integer::sum));
        return summed(policyId, mine);
    }

    static ReportOnlyImpact summed(String policyId, Map<PolicyOutcome.Result, Integer> byResult) {
        int block = 0;
        int prompt = 0;
        int pass = 0;
        int notApplied = 0;
        int enforced = 0;
        for (Map.Entry<PolicyOutcome.Result, Integer> counted : byResult.entrySet()) {
            int n = counted.getValue();
            switch (counted.getKey()) {
                case REPORT_ONLY_FAILURE -> block += n;
                case REPORT_ONLY_INTERRUPTED -> prompt += n;
                case REPORT_ONLY_SUCCESS -> pass += n;
                case REPORT_ONLY_NOT_APPLIED, NOT_APPLIED, NOT_ENABLED -> notApplied += n;
                default -> enforced += n;
            }
        }
        return new ReportOnlyImpact(policyId, block + prompt + pass + notApplied + enforced, block, prompt, pass,
                notApplied, enforced);
    }
}
