package db.migration;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The database's epoch: a random id made once, when this migration runs on a new (or pre-epoch)
 * database. Snapshot versions count within it; a rebuilt database runs this again and gets another
 * epoch, so nodes know its versions start again. Java, not SQL: H2 and PostgreSQL name their
 * random-UUID functions differently.
 */
public class V4__snapshot_epoch extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement add = context.getConnection().createStatement()) {
            add.execute("ALTER TABLE portcullis_snapshot_version ADD COLUMN epoch VARCHAR(64)");
        }
        try (PreparedStatement set = context.getConnection().prepareStatement(
                "UPDATE portcullis_snapshot_version SET epoch = ?")) {
            set.setString(1, UUID.randomUUID().toString());
            set.executeUpdate();
        }
        try (Statement required = context.getConnection().createStatement()) {
            required.execute("ALTER TABLE portcullis_snapshot_version ALTER COLUMN epoch SET NOT NULL");
        }
    }
}
