package dev.portcullis.adapters.persistence;

import dev.portcullis.adapters.persistence.jpa.JpaSignInLog;
import dev.portcullis.core.port.out.SignInLogPort;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
@TestProfile(PostgresDocumentStoreTest.Postgres.class)
class PostgresSignInCountsMeasure extends SignInCountsMeasure {

    @Inject
    JpaSignInLog log;

    @Inject
    EntityManager entities;

    @Override
    protected SignInLogPort log() {
        return log;
    }

    @Override
    protected String database() {
        return "postgresql";
    }

    @Override
    protected void settle() {
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery("ANALYZE").executeUpdate());
    }
}
