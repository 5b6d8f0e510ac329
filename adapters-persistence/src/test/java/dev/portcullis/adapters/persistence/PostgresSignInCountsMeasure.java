package dev.portcullis.adapters.persistence;

import dev.portcullis.adapters.persistence.jpa.JpaSignInLog;
import dev.portcullis.core.port.out.SignInLogPort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

@QuarkusTest
@TestProfile(PostgresDocumentStoreTest.Postgres.class)
class PostgresSignInCountsMeasure extends SignInCountsMeasure {

    @Inject
    JpaSignInLog log;

    @Inject
    DataSource database;

    @Override
    protected SignInLogPort log() {
        return log;
    }

    @Override
    protected String database() {
        return "postgresql";
    }

    /** What autovacuum does to a table grown over months: statistics, and the visibility map index-only scans need. */
    @Override
    protected void settle() {
        try (Connection connection = database.getConnection(); Statement vacuum = connection.createStatement()) {
            connection.setAutoCommit(true);
            vacuum.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed", e);
        }
    }
}
