package dev.portcullis.adapters.persistence;

import dev.portcullis.adapters.persistence.jpa.JpaSignInLog;
import dev.portcullis.core.port.out.SignInLogPort;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class H2SignInCountsMeasure extends SignInCountsMeasure {

    @Inject
    JpaSignInLog log;

    @Override
    protected SignInLogPort log() {
        return log;
    }

    @Override
    protected String database() {
        return "h2";
    }
}
