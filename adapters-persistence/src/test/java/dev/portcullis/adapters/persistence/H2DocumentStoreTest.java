package dev.portcullis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V4__snapshot_epoch;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The JPA store on H2, the embedded default. */
@QuarkusTest
class H2DocumentStoreTest extends JpaDocumentStoreContract {

    @Test
    void aDatabaseBuiltAgainFromNothingHasAnotherEpoch() throws Exception {
        String rebuilt = "jdbc:h2:mem:portcullis-rebuilt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(rebuilt, "sa", "").javaMigrations(new V4__snapshot_epoch()).load().migrate();

        try (Connection connection = DriverManager.getConnection(rebuilt, "sa", "");
                ResultSet row = connection.createStatement().executeQuery("SELECT version, epoch FROM portcullis_snapshot_version")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong("version")).isZero();
            assertThat(row.getString("epoch")).matches("[0-9a-f-]{36}").isNotEqualTo(store.snapshotEpoch());
        }
    }
}
