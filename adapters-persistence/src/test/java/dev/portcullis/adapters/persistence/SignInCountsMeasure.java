package dev.portcullis.adapters.persistence;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: a measurement, run only when asked ({@code -Dportcullis.measure=sign-in-counts}). It
 * stores 100,000 sign-ins over seven days (each evaluated against 20 policies, 4 of them applying,
 * results drawn with a fixed seed) and times a policy's impact, the insights and a policy's affected
 * users both ways: the old (every record of the period read, a thousand at a time, and counted in
 * Java) and the log's aggregates. It checks the two give the same figures and writes the times to
 * {@code target/sign-in-counts-<database>.md}; it asserts no time.
 */
@EnabledIfSystemProperty(named = "portcullis.measure", matches = "sign-in-counts")
abstract class SignInCountsMeasure {

    private static final int SIGN_INS = Integer.getInteger("portcullis.measure.signIns", 100_000);
    private static final int POLICIES = 20;
    private static final int APPLYING = 4;
    private static final int OLD_RUNS = Integer.getInteger("portcullis.measure.oldRuns", 3);
    private static final int NEW_RUNS = 7;

    protected abstract SignInLogPort log();

    protected abstract String database();

    /** After the sign-ins are stored: what a database grown over months has (its statistics). */
    protected void settle() {}

    @Test
    void measure() throws IOException {
        Instant from = Instant.parse("2031-03-02T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(7));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> policies = new ArrayList<>();
        for (int p = 0; p < POLICIES; p++) {
            policies.add("policy-" + p + "-" + run);
        }
        long seedStart = System.nanoTime();
        seed(policies, from, to);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        settle();

        String policy = policies.get(0);
        List<PolicyInsight.Policy> stored = policies.stream()
                .map(p -> new PolicyInsight.Policy(p, p, PolicyState.REPORT_ONLY)).toList();
        StringBuilder report = new StringBuilder("| " + database() + ", " + SIGN_INS + " sign-ins in the range"
                + " (stored in " + String.format("%.0f", seedSeconds) + " s) | old: read whole, counted in Java"
                + " (median of " + OLD_RUNS + ", ms) | new: aggregates (median of " + NEW_RUNS + ", ms) | ratio |\n|---|---|---|---|\n");
        row(report, "impact of one policy (figures and days)",
                () -> {
                    List<SignInRecord> records = log().during(from, to);
                    return List.of(ReportOnlyImpact.of(policy, records), DailyImpact.of(policy, records));
                },
                () -> {
                    var daily = log().dailyOutcomeCounts(policy, from, to);
                    return List.of(ReportOnlyImpact.counted(policy, daily.stream().map(d ->
                            new dev.portcullis.core.signinlog.OutcomeCount(policy, d.result(), d.count())).toList()),
                            DailyImpact.counted(policy, daily));
                });
        row(report, "insights (every policy)", () -> PolicyInsight.across(stored, log().during(from, to)),
                () -> PolicyInsight.counted(stored, log().outcomeCounts(from, to)));
        row(report, "affected users of one policy", () -> AffectedUsers.of(policy, log().evaluating(policy, from, to)),
                () -> log().affectedUsers(policy, from, to));
        Path out = Path.of("target", "sign-in-counts-" + database() + ".md");
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** The old and new answers must agree (else the figures mean nothing); each run is timed, the first too. */
    private static void row(StringBuilder report, String what, Supplier<Object> old, Supplier<Object> aggregate) {
        List<Object> expected = new ArrayList<>();
        List<Object> actual = new ArrayList<>();
        double before = median(old, OLD_RUNS, expected);
        double after = median(aggregate, NEW_RUNS, actual);
        if (!expected.get(0).equals(actual.get(0))) {
            throw new IllegalStateException(what + ": the aggregate gave " + actual.get(0) + ", counting the records "
                    + expected.get(0));
        }
        report.append(String.format("| %s | %.0f | %.1f | %.0f× |%n", what, before, after, before / after));
    }

    private static double median(Supplier<Object> work, int runs, List<Object> answers) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Object answer = work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (answers.isEmpty()) {
                answers.add(answer);
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private void seed(List<String> policies, Instant from, Instant to) {
        Random random = new Random(42);
        PolicyOutcome.Result[] applied = {PolicyOutcome.Result.REPORT_ONLY_SUCCESS, PolicyOutcome.Result.REPORT_ONLY_FAILURE,
            PolicyOutcome.Result.REPORT_ONLY_INTERRUPTED, PolicyOutcome.Result.SUCCESS, PolicyOutcome.Result.INTERRUPTED};
        long span = Duration.between(from, to).toMillis();
        List<SignInRecord> batch = new ArrayList<>();
        for (int i = 0; i < SIGN_INS; i++) {
            Instant at = from.plusMillis(span * i / SIGN_INS);
            List<PolicyOutcome> outcomes = new ArrayList<>();
            for (int p = 0; p < policies.size(); p++) {
                boolean applies = p < APPLYING ? random.nextInt(4) > 0 : random.nextInt(16) == 0;
                PolicyOutcome.Result result = applies ? applied[random.nextInt(applied.length)]
                        : PolicyOutcome.Result.REPORT_ONLY_NOT_APPLIED;
                outcomes.add(new PolicyOutcome(policies.get(p), "Policy " + p, PolicyState.REPORT_ONLY, result,
                        applies ? List.of("grantControls: mfa") : List.of("users: not included")));
            }
            batch.add(new SignInRecord(UUID.randomUUID().toString(), at, "demo", "user-" + random.nextInt(5_000),
                    "app-" + random.nextInt(20), ClientAppType.BROWSER, Optional.of("198.51.100.7"), Optional.of("DE"),
                    DeviceDetail.unproven(Optional.empty()), RiskLevel.NONE, "allow", List.of(), outcomes, List.of(),
                    Optional.empty(), Optional.empty()));
            if (batch.size() == 1_000) {
                log().append(batch);
                batch.clear();
            }
        }
        log().append(batch);
    }
}
