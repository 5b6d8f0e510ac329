package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.InMemorySignInLog;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.DailyImpact;
import dev.portcullis.core.signinlog.PolicyInsight;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.validation.ValidationProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadLogsServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Checked<ReadLogs.Period> WEEK =
            Checked.valid(new ReadLogs.Period(NOW.minusSeconds(7 * 86_400), NOW), List.of());

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemorySignInLog log = new InMemorySignInLog();
    private final ReadLogs logs = new ReadLogsService(store.stores().policies(), log, new RecordedAuditLog());

    private static ConditionalAccessPolicy policy(String name, PolicyState state, GrantControls grant) {
        return new ConditionalAccessPolicy("", name, state, Conditions.of(UsersCondition.all(), ApplicationsCondition.all()),
                grant, SessionControls.none());
    }

    private static SignInRecord signIn(String id, Instant at, Result mfa, Result block) {
        return new SignInRecord(id, at, "demo", "u", "portal", ClientAppType.BROWSER, Optional.empty(), Optional.empty(),
                Optional.empty(), RiskLevel.NONE, "allow", List.of(),
                List.of(new PolicyOutcome("mfa", "MFA pilot", PolicyState.REPORT_ONLY, mfa, List.of()),
                        new PolicyOutcome("block", "Block legacy", PolicyState.ENABLED, block, List.of())));
    }

    @BeforeEach
    void twoPoliciesAndTheirSignIns() {
        store.stores().policies().create("mfa", "MFA pilot", policy("MFA pilot", PolicyState.REPORT_ONLY, GrantControls.block()));
        store.stores().policies().create("block", "Block legacy", policy("Block legacy", PolicyState.ENABLED, GrantControls.block()));
        log.append(List.of(
                signIn("today-1", NOW.minusSeconds(60), Result.REPORT_ONLY_INTERRUPTED, Result.NOT_APPLIED),
                signIn("today-2", NOW.minusSeconds(120), Result.REPORT_ONLY_NOT_APPLIED, Result.FAILURE),
                signIn("two-days-ago", NOW.minusSeconds(2 * 86_400), Result.REPORT_ONLY_FAILURE, Result.NOT_APPLIED),
                signIn("last-month", NOW.minusSeconds(30 * 86_400), Result.REPORT_ONLY_FAILURE, Result.FAILURE),
                signIn("at-the-end", NOW, Result.REPORT_ONLY_FAILURE, Result.FAILURE)));
    }

    @Test
    void aPolicysImpactCountsTheSignInsItDidNotApplyToAndIsSplitByDay() {
        ReadLogs.Impact impact = logs.impact("mfa", WEEK).orElseThrow().value().orElseThrow();
        assertThat(impact.displayName()).isEqualTo("MFA pilot");
        assertThat(impact.impact()).as("the period's end is not in it, last month neither")
                .isEqualTo(new ReportOnlyImpact("mfa", 3, 1, 1, 0, 1, 0));
        assertThat(impact.days()).containsExactly(
                new DailyImpact(LocalDate.parse("2026-12-05"), new ReportOnlyImpact("mfa", 1, 1, 0, 0, 0, 0)),
                new DailyImpact(LocalDate.parse("2026-12-07"), new ReportOnlyImpact("mfa", 2, 0, 1, 0, 1, 0)));
    }

    @Test
    void theInsightsListEveryStoredPolicyByNameWithItsResults() {
        assertThat(logs.insights(WEEK).value().orElseThrow()).containsExactly(
                new PolicyInsight("block", "Block legacy", PolicyState.ENABLED, 3, 0, 1, 0, 2),
                new PolicyInsight("mfa", "MFA pilot", PolicyState.REPORT_ONLY, 3, 0, 1, 1, 1));
    }

    @Test
    void aPeriodThatCouldNotBeReadIsAnsweredWithItsProblems() {
        Checked<ReadLogs.Period> bad = Checked.invalid("from", "expected an ISO-8601 instant");
        assertThat(logs.insights(bad).errors()).containsExactly(new ValidationProblem("from", "expected an ISO-8601 instant"));
        assertThat(logs.impact("mfa", bad).orElseThrow().errors()).hasSize(1);
        assertThat(logs.impact("no-such-policy", WEEK)).isEmpty();
    }
}
