package dev.portcullis.adapters.persistence;

import dev.portcullis.adapters.persistence.jpa.JpaSignInLog;
import dev.portcullis.core.port.out.SignInLogPort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(PostgresDocumentStoreTest.Postgres.class)
class PostgresSignInLogTest extends SignInLogContract {

    @Inject
    JpaSignInLog log;

    @Override
    protected SignInLogPort log() {
        return log;
    }
}
