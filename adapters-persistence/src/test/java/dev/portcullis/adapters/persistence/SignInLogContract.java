package dev.portcullis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.AffectedUsers;
import dev.portcullis.core.signinlog.DailyImpact;
import dev.portcullis.core.signinlog.DeviceDetail;
import dev.portcullis.core.signinlog.PolicyInsight;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every sign-in log must do, run against each store. */
public abstract class SignInLogContract {

    protected abstract SignInLogPort log();

    private static SignInRecord record(String user, String app, String decision, Instant at, String policyId) {
        return record(user, app, decision, at, policyId, PolicyOutcome.Result.REPORT_ONLY_FAILURE);
    }

    private static SignInRecord record(String user, String app, String decision, Instant at, String policyId,
            PolicyOutcome.Result result) {
        return new SignInRecord(UUID.randomUUID().toString(), at, "demo", user, app, ClientAppType.BROWSER,
                Optional.of("198.51.100.7"), Optional.of("DE"), DeviceDetail.unproven(Optional.empty()), RiskLevel.NONE,
                decision, List.of(),
                List.of(new PolicyOutcome(policyId, "Policy " + policyId, PolicyState.REPORT_ONLY,
                        result, List.of("grantControls: block"))),
                List.of("unusualHours: 03:00"), Optional.of(at.minusSeconds(86_400)),
                Optional.of("login-" + decision));
    }

    /**
     * A node that timed out sends its batch again, maybe to another replica, while the first request
     * is still storing it: every sender succeeds, and each record is stored once.
     */
    @Test
    void theSameBatchSentAgainWhileItIsStoredIsStoredOnceAndNoSenderFails() throws Exception {
        String user = "user-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-24T09:00:00Z");
        for (int round = 0; round < 20; round++) {
            List<SignInRecord> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(record(user, "portal", "allow", t0.plusSeconds(round * 10L + i), "p-a"));
            }
            ExecutorService senders = Executors.newFixedThreadPool(3);
            List<Future<List<SignInRecord>>> sent = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                sent.add(senders.submit(() -> log().append(batch)));
            }
            List<SignInRecord> kept = new ArrayList<>();
            for (Future<List<SignInRecord>> f : sent) {
                kept.addAll(f.get()); // a sender that failed would throw here
            }
            senders.shutdown();
            assertThat(kept).as("round %d: each record kept by exactly one sender", round).containsExactlyInAnyOrderElementsOf(batch);
        }
        SignInLogPort.Query mine = new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 200);
        assertThat(log().query(mine)).hasSize(100);
    }

    @Test
    void recordsComeBackWholeNewestFirstFilteredAndPaged() {
        String user = "user-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-24T08:00:00Z");
        SignInRecord first = record(user, "portal", "allow", t0, "p-a");
        SignInRecord second = record(user, "mail", "block", t0.plus(Duration.ofMinutes(5)), "p-b");
        SignInRecord third = record(user, "portal", "requireControls", t0.plus(Duration.ofMinutes(10)), "p-a");
        assertThat(log().append(List.of(first, second, third))).containsExactly(first, second, third);
        assertThat(log().append(List.of(second))).as("a node retrying a batch adds nothing").isEmpty();

        SignInLogPort.Query mine = new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 50);
        assertThat(log().query(mine)).containsExactly(third, second, first);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.of("portal"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 50))).containsExactly(third, first);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.of("block"),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 50))).containsExactly(second);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.of("p-a"), Optional.empty(), Optional.empty(), 0, 50))).containsExactly(third, first);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(t0.plusSeconds(60)), Optional.of(t0.plusSeconds(400)), 0, 50)))
                .containsExactly(second);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, 1))).containsExactly(second);
        // The ids a block page shows: the record's (request) id and its login's correlation id.
        assertThat(log().query(new SignInLogPort.Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("login-block"), 0, 50)))
                .filteredOn(r -> r.userId().equals(user)).containsExactly(second);
        assertThat(log().query(new SignInLogPort.Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(third.id()), Optional.empty(), 0, 50)))
                .containsExactly(third);
    }

    /**
     * A policy's impact and the insights count every sign-in of a period, also those the policy did
     * not apply to: the period is read whole, page after page, from its start up to just before its end.
     */
    @Test
    void aPeriodIsReadWholeAcrossPagesFromItsStartToJustBeforeItsEndWhateverPoliciesApplied() {
        // A day of its own, far from the other tests' records (a store may keep them between runs).
        Instant from = Instant.parse("2040-01-01T00:00:00Z").plus(Duration.ofDays(new java.util.Random().nextInt(100_000)));
        Instant to = from.plus(Duration.ofHours(1));
        String user = "user-" + UUID.randomUUID();
        List<SignInRecord> inside = new ArrayList<>();
        inside.add(record(user, "portal", "allow", from, "p-x", PolicyOutcome.Result.REPORT_ONLY_NOT_APPLIED));
        for (int i = 1; i <= SignInLogPort.Query.MAX_TOP; i++) {
            inside.add(record(user, "portal", "allow", from.plusMillis(i * 3L), "p-x"));
        }
        inside.add(record(user, "portal", "allow", to.minusMillis(1), "p-x"));
        List<SignInRecord> all = new ArrayList<>(inside);
        all.add(record(user, "portal", "allow", from.minusMillis(1), "p-x"));
        all.add(record(user, "portal", "allow", to, "p-x"));
        log().append(all);

        List<SignInRecord> read = log().during(from, to);
        assertThat(read).as("two pages, the edges outside left out").hasSize(SignInLogPort.Query.MAX_TOP + 2)
                .containsExactlyInAnyOrderElementsOf(inside);
        assertThat(read.get(0).time()).as("newest first").isEqualTo(to.minusMillis(1));
        assertThat(read.get(read.size() - 1).policyOutcomes().get(0).result())
                .isEqualTo(PolicyOutcome.Result.REPORT_ONLY_NOT_APPLIED);
        assertThat(log().evaluating("p-x", from, to)).as("where the policy applied only")
                .hasSize(SignInLogPort.Query.MAX_TOP + 1).noneMatch(r -> r.time().equals(from));
    }

    private static PolicyOutcome outcome(String policyId, PolicyOutcome.Result result) {
        return new PolicyOutcome(policyId, "Policy " + policyId, PolicyState.REPORT_ONLY, result, List.of());
    }

    private static SignInRecord signIn(String user, Instant at, PolicyOutcome... outcomes) {
        return new SignInRecord(UUID.randomUUID().toString(), at, "demo", user, "portal", ClientAppType.BROWSER,
                Optional.empty(), Optional.empty(), DeviceDetail.unproven(Optional.empty()), RiskLevel.NONE, "allow",
                List.of(), List.of(outcomes), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * The impact, its days, the insights and the affected users come from the log's counts: they are
     * exactly what counting the period's records one by one gives, over several policies a sign-in,
     * enforced, report-only and not-applied results, the period's edges (from in, to out), sign-ins
     * either side of UTC midnight, and a record sent twice.
     */
    @Test
    void countsOfAPeriodAreWhatCountingItsRecordsGives() {
        Instant midnight = Instant.parse("2045-01-01T00:00:00Z").plus(Duration.ofDays(new java.util.Random().nextInt(100_000)));
        Instant from = midnight.minus(Duration.ofHours(4));
        Instant to = midnight.plus(Duration.ofDays(1)).plus(Duration.ofHours(4));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "a-" + run;
        String b = "b-" + run;
        String off = "off-" + run;
        String lone = "lone-" + run;
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        SignInRecord atFrom = signIn(alice, from, outcome(a, PolicyOutcome.Result.REPORT_ONLY_FAILURE),
                outcome(b, PolicyOutcome.Result.NOT_APPLIED), outcome(off, PolicyOutcome.Result.NOT_ENABLED));
        SignInRecord beforeMidnight = signIn(bob, midnight.minusMillis(1),
                outcome(a, PolicyOutcome.Result.REPORT_ONLY_INTERRUPTED), outcome(b, PolicyOutcome.Result.SUCCESS),
                outcome(off, PolicyOutcome.Result.NOT_ENABLED));
        SignInRecord atMidnight = signIn(alice, midnight, outcome(a, PolicyOutcome.Result.REPORT_ONLY_SUCCESS),
                outcome(b, PolicyOutcome.Result.FAILURE), outcome(off, PolicyOutcome.Result.NOT_ENABLED));
        SignInRecord afterMidnight = signIn(bob, midnight.plusMillis(1),
                outcome(a, PolicyOutcome.Result.REPORT_ONLY_NOT_APPLIED), outcome(b, PolicyOutcome.Result.INTERRUPTED));
        SignInRecord nextDay = signIn(alice, midnight.plus(Duration.ofDays(1)),
                outcome(a, PolicyOutcome.Result.REPORT_ONLY_INTERRUPTED), outcome(lone, PolicyOutcome.Result.FAILURE));
        SignInRecord beforeTo = signIn(bob, to.minusMillis(1), outcome(a, PolicyOutcome.Result.REPORT_ONLY_FAILURE),
                outcome(b, PolicyOutcome.Result.NOT_APPLIED));
        SignInRecord beforeFrom = signIn(alice, from.minusMillis(1), outcome(a, PolicyOutcome.Result.REPORT_ONLY_FAILURE));
        SignInRecord atTo = signIn(alice, to, outcome(a, PolicyOutcome.Result.REPORT_ONLY_FAILURE));
        log().append(List.of(atFrom, beforeMidnight, atMidnight, beforeFrom, atTo, atMidnight));
        log().append(List.of(afterMidnight, nextDay, beforeTo, atFrom));
        // Newest first, as the log reads them: the order the affected users are listed in.
        List<SignInRecord> inside = List.of(beforeTo, nextDay, afterMidnight, atMidnight, beforeMidnight, atFrom);

        List<dev.portcullis.core.signinlog.OutcomeCount> counts = log().outcomeCounts(from, to);
        assertThat(counts).filteredOn(c -> c.policyId().endsWith(run))
                .containsExactlyInAnyOrderElementsOf(dev.portcullis.core.signinlog.OutcomeCount.of(inside));
        for (String policy : List.of(a, b, off, lone, "never-" + run)) {
            assertThat(ReportOnlyImpact.counted(policy, counts)).isEqualTo(ReportOnlyImpact.of(policy, inside));
            assertThat(DailyImpact.counted(policy, log().dailyOutcomeCounts(policy, from, to)))
                    .isEqualTo(DailyImpact.of(policy, inside));
            assertThat(log().affectedUsers(policy, from, to)).isEqualTo(AffectedUsers.of(policy, inside));
        }
        List<PolicyInsight.Policy> policies = List.of(a, b, off, lone).stream()
                .map(p -> new PolicyInsight.Policy(p, "Policy " + p, PolicyState.REPORT_ONLY)).toList();
        assertThat(PolicyInsight.counted(policies, counts)).isEqualTo(PolicyInsight.across(policies, inside));

        // The figures themselves, so that a count both ways get wrong fails too.
        assertThat(ReportOnlyImpact.counted(a, counts)).isEqualTo(new ReportOnlyImpact(a, 6, 2, 2, 1, 1, 0));
        assertThat(ReportOnlyImpact.counted(b, counts)).isEqualTo(new ReportOnlyImpact(b, 5, 0, 0, 0, 2, 3));
        assertThat(DailyImpact.counted(a, log().dailyOutcomeCounts(a, from, to))).extracting(d -> d.day().toString(),
                d -> d.impact().signIns()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(midnight.minusSeconds(1).toString().substring(0, 10), 2),
                        org.assertj.core.groups.Tuple.tuple(midnight.toString().substring(0, 10), 2),
                        org.assertj.core.groups.Tuple.tuple(midnight.plus(Duration.ofDays(1)).toString().substring(0, 10), 2));
        assertThat(log().affectedUsers(a, from, to).users()).containsExactly(
                new AffectedUsers.User(bob, 1, 1), new AffectedUsers.User(alice, 1, 1));
    }
}
