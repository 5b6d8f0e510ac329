package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.signinlog.AffectedUsers;
import dev.portcullis.core.signinlog.DailyOutcomeCount;
import dev.portcullis.core.signinlog.OutcomeCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A period's counts by SQL aggregates over [from, to): the applied outcomes grouped from their rows,
 * the sign-ins grouped by policy set (one row a set, or a set and day), and a policy's not-applied
 * sign-ins the second less the first. Nothing reads a sign-in's record.
 */
final class SignInCounts {

    private static final String RANGE = " created_at >= ? and created_at < ?";

    private final Connection connection;
    private final Map<String, PolicySet> sets;

    /** @param sets the sets read so far (a set never changes: its id is its hash), added to */
    SignInCounts(Connection connection, Map<String, PolicySet> sets) {
        this.connection = connection;
        this.sets = sets;
    }

    List<OutcomeCount> byPolicy(Instant from, Instant to) throws SQLException {
        Tally<String> tally = new Tally<>();
        select("select policy_id, result, count(*) from portcullis_sign_in_outcome where" + RANGE
                + " group by policy_id, result", List.of(at(from), at(to)),
                row -> tally.applied(row.getString(1), Result.valueOf(row.getString(2)), row.getInt(3)));
        Map<String, Integer> bySet = new TreeMap<>();
        select("select policy_set_id, count(*) from portcullis_sign_in where" + RANGE + " group by policy_set_id",
                List.of(at(from), at(to)), row -> bySet.put(row.getString(1), row.getInt(2)));
        Map<String, PolicySet> known = sets(bySet.keySet());
        bySet.forEach((set, n) -> known.get(set).members().forEach(m -> tally.add(m.policyId(), m.notApplied(), n)));
        return tally.counts((policy, result, n) -> new OutcomeCount(policy, result, n));
    }

    List<DailyOutcomeCount> byDay(String policyId, Instant from, Instant to) throws SQLException {
        Tally<LocalDate> tally = new Tally<>();
        select("select utc_day, result, count(*) from portcullis_sign_in_outcome where policy_id = ? and" + RANGE
                + " group by utc_day, result", List.of(policyId, at(from), at(to)),
                row -> tally.applied(row.getObject(1, LocalDate.class), Result.valueOf(row.getString(2)), row.getInt(3)));
        List<SetDay> bySetAndDay = new ArrayList<>();
        select("select policy_set_id, utc_day, count(*) from portcullis_sign_in where" + RANGE
                + " group by policy_set_id, utc_day", List.of(at(from), at(to)),
                row -> bySetAndDay.add(new SetDay(row.getString(1), row.getObject(2, LocalDate.class), row.getInt(3))));
        Map<String, PolicySet> known = sets(bySetAndDay.stream().map(SetDay::set).collect(Collectors.toSet()));
        for (SetDay r : bySetAndDay) {
            known.get(r.set()).members().stream().filter(m -> m.policyId().equals(policyId))
                    .forEach(m -> tally.add(r.day(), m.notApplied(), r.signIns()));
        }
        return tally.counts((day, result, n) -> new DailyOutcomeCount(day, result, n));
    }

    private record SetDay(String set, LocalDate day, int signIns) {}

    /** One row a user; the most recent first, a tie by user id. */
    AffectedUsers affected(String policyId, Instant from, Instant to) throws SQLException {
        List<AffectedUsers.User> users = new ArrayList<>();
        select("select user_id, sum(case when result = 'REPORT_ONLY_INTERRUPTED' then 1 else 0 end),"
                + " sum(case when result = 'REPORT_ONLY_FAILURE' then 1 else 0 end) from portcullis_sign_in_outcome"
                + " where policy_id = ? and result in ('REPORT_ONLY_INTERRUPTED', 'REPORT_ONLY_FAILURE') and" + RANGE
                + " group by user_id order by max(created_at) desc, user_id", List.of(policyId, at(from), at(to)),
                row -> users.add(new AffectedUsers.User(row.getString(1), row.getInt(2), row.getInt(3))));
        return new AffectedUsers(users);
    }

    /** The sets with these ids, those not read before read in one query. */
    private Map<String, PolicySet> sets(Set<String> ids) throws SQLException {
        List<String> missing = ids.stream().filter(id -> !sets.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            select("select id, policy_ids from portcullis_policy_set where id in ("
                    + String.join(", ", Collections.nCopies(missing.size(), "?")) + ")", List.copyOf(missing),
                    row -> sets.put(row.getString(1), PolicySet.parsed(row.getString(1), row.getString(2))));
        }
        return sets;
    }

    private static Object at(Instant instant) {
        return DocumentEntity.at(instant);
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private void select(String sql, List<Object> parameters, Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        }
    }

    /** Counts by a key (a policy, a day) and result; an applied outcome is one sign-in less not applied. */
    private static final class Tally<K extends Comparable<? super K>> {

        private final Map<K, Map<Result, Integer>> counts = new TreeMap<>();

        void applied(K key, Result result, int n) {
            add(key, result, n);
            add(key, PolicySet.notApplied(result), -n);
        }

        void add(K key, Result result, int n) {
            counts.computeIfAbsent(key, k -> new EnumMap<>(Result.class)).merge(result, n, Integer::sum);
        }

        interface Count<K, C> {
            C of(K key, Result result, int n);
        }

        <C> List<C> counts(Count<K, C> count) {
            List<C> out = new ArrayList<>();
            counts.forEach((key, byResult) -> byResult.forEach((result, n) -> {
                if (n != 0) {
                    out.add(count.of(key, result, n));
                }
            }));
            return out;
        }
    }
}
