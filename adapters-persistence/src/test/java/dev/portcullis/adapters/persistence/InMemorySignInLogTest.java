package dev.portcullis.adapters.persistence;

import dev.portcullis.core.port.out.InMemorySignInLog;
import dev.portcullis.core.port.out.SignInLogPort;

/** The in-memory sign-in log the other modules' tests use answers as the database does. */
class InMemorySignInLogTest extends SignInLogContract {

    private final InMemorySignInLog log = new InMemorySignInLog();

    @Override
    protected SignInLogPort log() {
        return log;
    }
}
