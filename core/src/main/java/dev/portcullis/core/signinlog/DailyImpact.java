package dev.portcullis.core.signinlog;

import dev.portcullis.core.evaluation.PolicyOutcome;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A policy's report-only impact on one day (UTC): the figures of {@link ReportOnlyImpact} for the
 * sign-ins of that day, so a chart shows when the policy would have blocked or prompted.
 */
public record DailyImpact(LocalDate day, ReportOnlyImpact impact) {

    /**
     * Oldest day first, only the days on which the policy was evaluated: a range of years with a
     * few sign-ins gives a few days, not one entry per day of the range. Counted from the records
     * themselves (a test's reference, and the in-memory log's way).
     */
    public static List<DailyImpact> of(String policyId, List<SignInRecord> records) {
        return counted(policyId, DailyOutcomeCount.of(policyId, records));
    }

    /** Summed from one policy's counts by day and result; oldest day first. */
    public static List<DailyImpact> counted(String policyId, List<DailyOutcomeCount> counts) {
        Map<LocalDate, Map<PolicyOutcome.Result, Integer>> byDay = new TreeMap<>();
        counts.forEach(c -> byDay.computeIfAbsent(c.day(), d -> new EnumMap<>(PolicyOutcome.Result.class))
                .merge(c.result(), c.count(), Integer::sum));
        return byDay.entrySet().stream().map(e -> new DailyImpact(e.getKey(), ReportOnlyImpact.summed(policyId, e.getValue())))
                .filter(d -> d.impact().signIns() > 0).toList();
    }
}
