package dev.portcullis.core.signinlog;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A policy's report-only impact on one day (UTC): the figures of {@link ReportOnlyImpact} for the
 * sign-ins of that day, so a chart shows when the policy would have blocked or prompted.
 */
public record DailyImpact(LocalDate day, ReportOnlyImpact impact) {

    /**
     * Oldest day first, only the days on which the policy was evaluated: a range of years with a
     * few sign-ins gives a few days, not one entry per day of the range.
     */
    public static List<DailyImpact> of(String policyId, List<SignInRecord> records) {
        Map<LocalDate, List<SignInRecord>> byDay = records.stream().collect(Collectors.groupingBy(
                r -> LocalDate.ofInstant(r.time(), ZoneOffset.UTC), TreeMap::new, Collectors.toList()));
        return byDay.entrySet().stream().map(e -> new DailyImpact(e.getKey(), ReportOnlyImpact.of(policyId, e.getValue())))
                .filter(d -> d.impact().signIns() > 0).toList();
    }
}
