package dev.portcullis.core.signinlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyInsightTest {

    private static final PolicyInsight.Policy MFA = new PolicyInsight.Policy("mfa", "MFA", PolicyState.REPORT_ONLY);
    private static final PolicyInsight.Policy BLOCK = new PolicyInsight.Policy("block", "Block", PolicyState.ENABLED);
    private static final PolicyInsight.Policy QUIET = new PolicyInsight.Policy("quiet", "Quiet", PolicyState.DISABLED);

    private static SignInRecord signIn(PolicyOutcome... outcomes) {
        return new SignInRecord("r", Instant.EPOCH, "demo", "u", "portal", ClientAppType.BROWSER, Optional.empty(),
                Optional.empty(), Optional.empty(), RiskLevel.NONE, "allow", List.of(), List.of(outcomes));
    }

    private static PolicyOutcome outcome(String policyId, Result result) {
        return new PolicyOutcome(policyId, policyId, PolicyState.REPORT_ONLY, result, List.of());
    }

    @Test
    void reportOnlyAndEnforcedResultsAreSummedAsTheWorkbookDoesPolicyByPolicy() {
        List<PolicyInsight> rows = PolicyInsight.across(List.of(MFA, BLOCK, QUIET), List.of(
                signIn(outcome("mfa", Result.REPORT_ONLY_INTERRUPTED), outcome("block", Result.FAILURE)),
                signIn(outcome("mfa", Result.INTERRUPTED), outcome("block", Result.NOT_APPLIED)),
                signIn(outcome("mfa", Result.REPORT_ONLY_SUCCESS), outcome("block", Result.REPORT_ONLY_FAILURE)),
                signIn(outcome("mfa", Result.REPORT_ONLY_NOT_APPLIED), outcome("deleted", Result.FAILURE)),
                signIn(outcome("mfa", Result.NOT_ENABLED))));
        assertThat(rows).containsExactly(
                new PolicyInsight("mfa", "MFA", PolicyState.REPORT_ONLY, 5, 1, 0, 2, 2),
                new PolicyInsight("block", "Block", PolicyState.ENABLED, 3, 0, 2, 0, 1),
                new PolicyInsight("quiet", "Quiet", PolicyState.DISABLED, 0, 0, 0, 0, 0));
    }
}
