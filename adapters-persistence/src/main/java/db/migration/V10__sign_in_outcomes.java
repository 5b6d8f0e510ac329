package db.migration;

import dev.portcullis.adapters.persistence.jpa.PolicySet;
import dev.portcullis.adapters.persistence.jpa.SignInOutcomeRows;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.SignInRecordCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * What impact and insights are counted from by SQL aggregates: each sign-in's policy set and UTC
 * day, and a row per policy that applied to it. The sign-ins stored before this migration get
 * theirs here, decoded from the record each row keeps, a page at a time; the columns are required
 * once every row has them. Java, not SQL: the policy outcomes are inside the record's JSON.
 */
public class V10__sign_in_outcomes extends BaseJavaMigration {

    private static final int PAGE = 500;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        execute(connection, "CREATE TABLE portcullis_policy_set (id VARCHAR(64) NOT NULL PRIMARY KEY, policy_ids TEXT NOT NULL)");
        execute(connection, "ALTER TABLE portcullis_sign_in ADD COLUMN policy_set_id VARCHAR(64)");
        execute(connection, "ALTER TABLE portcullis_sign_in ADD COLUMN utc_day DATE");
        execute(connection, "CREATE TABLE portcullis_sign_in_outcome ("
                + " sign_in_id VARCHAR(64) NOT NULL REFERENCES portcullis_sign_in (id) ON DELETE CASCADE,"
                + " policy_id VARCHAR(200) NOT NULL, result VARCHAR(32) NOT NULL,"
                + " created_at TIMESTAMP WITH TIME ZONE NOT NULL, utc_day DATE NOT NULL, user_id VARCHAR(200) NOT NULL,"
                + " PRIMARY KEY (sign_in_id, policy_id))");
        fillStoredSignIns(connection);
        execute(connection, "ALTER TABLE portcullis_sign_in ALTER COLUMN policy_set_id SET NOT NULL");
        execute(connection, "ALTER TABLE portcullis_sign_in ALTER COLUMN utc_day SET NOT NULL");
        // A period's sign-ins grouped by set and day from the index alone; a policy's outcomes by its id.
        execute(connection, "CREATE INDEX portcullis_sign_in_counted ON portcullis_sign_in (created_at, policy_set_id, utc_day)");
        execute(connection, "CREATE INDEX portcullis_sign_in_outcome_policy ON portcullis_sign_in_outcome (policy_id, created_at)");
        execute(connection, "CREATE INDEX portcullis_sign_in_outcome_at ON portcullis_sign_in_outcome (created_at)");
    }

    private static void fillStoredSignIns(Connection connection) throws SQLException {
        JsonText json = JsonText.shared();
        SignInRecordCodec codec = SignInRecordCodec.instance();
        String after = "";
        while (true) {
            Map<SignInRecord, PolicySet> page = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, json FROM portcullis_sign_in WHERE id > ? ORDER BY id FETCH FIRST " + PAGE + " ROWS ONLY")) {
                select.setString(1, after);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getString(1);
                        SignInRecord record = codec.read(json.parse(rows.getString(2).getBytes(StandardCharsets.UTF_8))
                                .orElseThrow()).orElseThrow();
                        page.put(record, PolicySet.of(record));
                    }
                }
            }
            if (page.isEmpty()) {
                return;
            }
            SignInOutcomeRows.write(connection, page);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE portcullis_sign_in SET policy_set_id = ?, utc_day = ? WHERE id = ?")) {
                for (Map.Entry<SignInRecord, PolicySet> row : page.entrySet()) {
                    update.setString(1, row.getValue().id());
                    update.setObject(2, SignInOutcomeRows.utcDay(row.getKey()));
                    update.setString(3, row.getKey().id());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
