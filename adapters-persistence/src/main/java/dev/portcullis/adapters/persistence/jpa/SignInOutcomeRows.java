package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.signinlog.SignInRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the counting of impact and insights reads beside a stored sign-in, written in the append's
 * transaction (and by migration V10 for the sign-ins stored before it): its policy set, kept once,
 * and a row for each policy that applied, with the result, the time, the UTC day and the user.
 */
public final class SignInOutcomeRows {

    private SignInOutcomeRows() {}

    /** The UTC day a sign-in counts on, the same on every database (it is stored, not computed there). */
    public static LocalDate utcDay(SignInRecord record) {
        return LocalDate.ofInstant(record.time(), ZoneOffset.UTC);
    }

    /** Writes the sets not yet kept and the applied outcomes of records just stored, each with its set. */
    public static void write(Connection connection, Map<SignInRecord, PolicySet> records) throws SQLException {
        Map<String, PolicySet> sets = new LinkedHashMap<>();
        records.values().forEach(set -> sets.putIfAbsent(set.id(), set));
        insertMissing(connection, sets);
        try (PreparedStatement insert = connection.prepareStatement("insert into portcullis_sign_in_outcome"
                + " (sign_in_id, policy_id, result, created_at, utc_day, user_id) values (?, ?, ?, ?, ?, ?)")) {
            for (SignInRecord record : records.keySet()) {
                Set<String> written = new HashSet<>();
                for (PolicyOutcome outcome : record.policyOutcomes()) {
                    if (outcome.applied() && written.add(outcome.policyId())) {
                        insert.setString(1, record.id());
                        insert.setString(2, outcome.policyId());
                        insert.setString(3, outcome.result().name());
                        insert.setObject(4, DocumentEntity.at(record.time()));
                        insert.setObject(5, utcDay(record));
                        insert.setString(6, record.userId());
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    /** A set another append is writing meanwhile makes this insert fail on its key; the append tries again. */
    private static void insertMissing(Connection connection, Map<String, PolicySet> sets) throws SQLException {
        Set<String> kept = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("select id from portcullis_policy_set where id in ("
                + String.join(", ", Collections.nCopies(sets.size(), "?")) + ")")) {
            int i = 1;
            for (String id : sets.keySet()) {
                select.setString(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    kept.add(rows.getString(1));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into portcullis_policy_set (id, policy_ids) values (?, ?)")) {
            for (PolicySet set : sets.values()) {
                if (!kept.contains(set.id())) {
                    insert.setString(1, set.id());
                    insert.setString(2, set.text());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
