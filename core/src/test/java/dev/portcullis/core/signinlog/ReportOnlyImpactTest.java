package dev.portcullis.core.signinlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportOnlyImpactTest {

    /** A sign-in where policy "p" had the first result and other policies the rest. */
    private static SignInRecord signIn(Result... results) {
        List<PolicyOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            outcomes.add(new PolicyOutcome(i == 0 ? "p" : "other-" + i, "P", PolicyState.REPORT_ONLY, results[i], List.of()));
        }
        return new SignInRecord("r", Instant.EPOCH, "demo", "u", "portal", ClientAppType.BROWSER, Optional.empty(),
                Optional.empty(), Optional.empty(), RiskLevel.NONE, "allow", List.of(), outcomes);
    }

    @Test
    void countsWhatThePolicyWouldHaveDoneOnlyForItself() {
        ReportOnlyImpact impact = ReportOnlyImpact.of("p", List.of(
                signIn(Result.REPORT_ONLY_FAILURE, Result.REPORT_ONLY_FAILURE),
                signIn(Result.REPORT_ONLY_INTERRUPTED),
                signIn(Result.REPORT_ONLY_INTERRUPTED),
                signIn(Result.REPORT_ONLY_SUCCESS),
                signIn(Result.REPORT_ONLY_NOT_APPLIED),
                signIn(Result.SUCCESS),
                signIn()));
        assertThat(impact).isEqualTo(new ReportOnlyImpact("p", 6, 1, 2, 1, 1, 1));
    }
}
