package dev.portcullis.core.signinlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyImpactTest {

    private static SignInRecord at(String time, String policyId, Result result) {
        return new SignInRecord("r-" + time, Instant.parse(time), "demo", "u", "portal", ClientAppType.BROWSER,
                Optional.empty(), Optional.empty(), Optional.empty(), RiskLevel.NONE, "allow", List.of(),
                List.of(new PolicyOutcome(policyId, "P", PolicyState.REPORT_ONLY, result, List.of())));
    }

    @Test
    void eachUtcDayWithTheSignInsThePolicyWasEvaluatedForOldestFirst() {
        List<DailyImpact> days = DailyImpact.of("p", List.of(
                at("2026-12-07T23:59:59Z", "p", Result.REPORT_ONLY_FAILURE),
                at("2026-12-07T00:00:00Z", "p", Result.REPORT_ONLY_INTERRUPTED),
                at("2026-12-06T12:00:00Z", "other", Result.REPORT_ONLY_FAILURE),
                at("2026-12-05T08:00:00Z", "p", Result.REPORT_ONLY_NOT_APPLIED),
                at("2026-12-05T07:00:00Z", "p", Result.REPORT_ONLY_SUCCESS)));
        assertThat(days).as("the 6th: only another policy's sign-in, so no day").containsExactly(
                new DailyImpact(LocalDate.parse("2026-12-05"), new ReportOnlyImpact("p", 2, 0, 0, 1, 1, 0)),
                new DailyImpact(LocalDate.parse("2026-12-07"), new ReportOnlyImpact("p", 2, 1, 1, 0, 0, 0)));
    }
}
