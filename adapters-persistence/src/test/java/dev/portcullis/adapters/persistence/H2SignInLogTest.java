package dev.portcullis.adapters.persistence;

import dev.portcullis.adapters.persistence.jpa.JpaSignInLog;
import dev.portcullis.core.port.out.SignInLogPort;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class H2SignInLogTest extends SignInLogContract {

    @Inject
    JpaSignInLog log;

    @Override
    protected SignInLogPort log() {
        return log;
    }
}
