package dev.portcullis.core.signinlog;

import dev.portcullis.core.evaluation.PolicyOutcome;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How many of one policy's evaluations on one UTC day had one result: what its impact's days are summed from. */
public record DailyOutcomeCount(LocalDate day, PolicyOutcome.Result result, int count) {

    /** Counted from the records themselves, oldest day first. */
    public static List<DailyOutcomeCount> of(String policyId, List<SignInRecord> records) {
        Map<LocalDate, Map<PolicyOutcome.Result, Integer>> counts = new TreeMap<>();
        for (SignInRecord record : records) {
            for (PolicyOutcome outcome : record.policyOutcomes()) {
                if (outcome.policyId().equals(policyId)) {
                    counts.computeIfAbsent(LocalDate.ofInstant(record.time(), ZoneOffset.UTC), d -> new TreeMap<>())
                            .merge(outcome.result(), 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().flatMap(day -> day.getValue().entrySet().stream()
                .map(result -> new DailyOutcomeCount(day.getKey(), result.getKey(), result.getValue()))).toList();
    }
}
