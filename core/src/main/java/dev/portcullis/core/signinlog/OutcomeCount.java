package dev.portcullis.core.signinlog;

import dev.portcullis.core.evaluation.PolicyOutcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many of one policy's evaluations had one result over a period: what a policy's impact and the
 * insights are summed from. The sign-in log counts them (on the database, an aggregate), so a
 * period of 100,000 sign-ins is not read record by record.
 */
public record OutcomeCount(String policyId, PolicyOutcome.Result result, int count) {

    /** Counted from the records themselves, every outcome (not applied too), by policy and result. */
    public static List<OutcomeCount> of(List<SignInRecord> records) {
        Map<String, Map<PolicyOutcome.Result, Integer>> counts = new TreeMap<>();
        for (SignInRecord record : records) {
            for (PolicyOutcome outcome : record.policyOutcomes()) {
                counts.computeIfAbsent(outcome.policyId(), p -> new TreeMap<>()).merge(outcome.result(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().flatMap(policy -> policy.getValue().entrySet().stream()
                .map(result -> new OutcomeCount(policy.getKey(), result.getKey(), result.getValue()))).toList();
    }
}
