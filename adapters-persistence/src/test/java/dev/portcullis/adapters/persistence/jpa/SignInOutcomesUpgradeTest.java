package dev.portcullis.adapters.persistence.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.AffectedUsers;
import dev.portcullis.core.signinlog.DailyOutcomeCount;
import dev.portcullis.core.signinlog.DeviceDetail;
import dev.portcullis.core.signinlog.OutcomeCount;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.graphjson.SignInRecordCodec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Sign-ins stored before migration V10 (rows with only the record's JSON to say which policies
 * applied) are counted after it exactly as those stored after: the migration fills in their sets,
 * days and outcome rows from the records, on H2 and on PostgreSQL.
 */
class SignInOutcomesUpgradeTest {

    private static final Instant FROM = Instant.parse("2026-11-30T22:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T02:00:00Z");

    private static PolicyOutcome outcome(String policyId, PolicyOutcome.Result result) {
        return new PolicyOutcome(policyId, "Policy " + policyId, PolicyState.REPORT_ONLY, result, List.of());
    }

    private static SignInRecord signIn(String id, String user, Instant at, PolicyOutcome... outcomes) {
        return new SignInRecord(id, at, "demo", user, "portal", ClientAppType.BROWSER, Optional.empty(), Optional.empty(),
                DeviceDetail.unproven(Optional.empty()), RiskLevel.NONE, "allow", List.of(), List.of(outcomes), List.of(),
                Optional.empty(), Optional.empty());
    }

    /** More than a page of the migration's, either side of midnight, several policies each. */
    private static List<SignInRecord> storedBefore() {
        PolicyOutcome.Result[] results = PolicyOutcome.Result.values();
        List<SignInRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            records.add(signIn(String.format("s-%05d", i), "user-" + i % 7, FROM.plusSeconds(i * 13L),
                    outcome("p-a", results[i % results.length]), outcome("p-b", results[(i / 3) % results.length])));
        }
        return records;
    }

    @Test
    void signInsStoredBeforeTheUpgradeAreCountedOnH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:upgrade-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        upgradeAndCount(h2);
    }

    @Test
    void signInsStoredBeforeTheUpgradeAreCountedOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            upgradeAndCount(postgres.getPostgresDatabase());
        }
    }

    private static void upgradeAndCount(DataSource database) throws Exception {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("9").load().migrate();
        List<SignInRecord> records = storedBefore();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO portcullis_sign_in"
                        + " (id, created_at, user_id, app_id, decision, policy_ids, json) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (SignInRecord record : records) {
                insert.setString(1, record.id());
                insert.setObject(2, DocumentEntity.at(record.time()));
                insert.setString(3, record.userId());
                insert.setString(4, record.target());
                insert.setString(5, record.decision());
                insert.setString(6, "");
                insert.setString(7, new String(SignInRecordCodec.instance().bytes(record), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        List<SignInRecord> inside = new java.util.ArrayList<>(records.stream().filter(r -> r.time().isBefore(TO)).toList());
        java.util.Collections.reverse(inside); // newest first, as the log reads them
        try (Connection connection = database.getConnection()) {
            SignInCounts counts = new SignInCounts(connection, new HashMap<>());
            assertThat(counts.byPolicy(FROM, TO)).containsExactlyInAnyOrderElementsOf(OutcomeCount.of(inside));
            for (String policy : List.of("p-a", "p-b")) {
                assertThat(counts.byDay(policy, FROM, TO)).containsExactlyInAnyOrderElementsOf(DailyOutcomeCount.of(policy, inside));
                assertThat(counts.affected(policy, FROM, TO)).isEqualTo(AffectedUsers.of(policy, inside));
            }
            assertThat(inside).as("the period holds most of them, on two days").hasSizeBetween(1_000, 1_199);
            assertThat(counts.byDay("p-a", FROM, TO).stream().map(DailyOutcomeCount::day).distinct()).hasSize(2);
        }
    }
}
