package dev.portcullis.core.signinlog;

import dev.portcullis.core.evaluation.PolicyOutcome;
import java.util.List;

/**
 * What a policy would have done had it been on, over the sign-ins it was evaluated for: how many
 * it would have blocked, how many it would have prompted for more (MFA, a compliant device, ...),
 * how many already met it, and how many it did not apply to. The figures an administrator reads
 * before switching a report-only policy on. Sign-ins it was enforced for are counted apart.
 */
public record ReportOnlyImpact(String policyId, int signIns, int wouldBlock, int wouldPrompt, int wouldPass,
        int notApplied, int enforced) {

    public static ReportOnlyImpact of(String policyId, List<SignInRecord> records) {
        int signIns = 0;
        int block = 0;
        int prompt = 0;
        int pass = 0;
        int notApplied = 0;
        int enforced = 0;
        for (SignInRecord record : records) {
            for (PolicyOutcome outcome : record.policyOutcomes()) {
                if (!outcome.policyId().equals(policyId)) {
                    continue;
                }
                signIns++;
                switch (outcome.result()) {
                    case REPORT_ONLY_FAILURE -> block++;
                    case REPORT_ONLY_INTERRUPTED -> prompt++;
                    case REPORT_ONLY_SUCCESS -> pass++;
                    case REPORT_ONLY_NOT_APPLIED, NOT_APPLIED, NOT_ENABLED -> notApplied++;
                    default -> enforced++;
                }
            }
        }
        return new ReportOnlyImpact(policyId, signIns, block, prompt, pass, notApplied, enforced);
    }
}
