package dev.portcullis.architecture.archfixture;

import dev.portcullis.adapters.persistence.archfixture.PersistenceFixture;
import dev.portcullis.adapters.rest.archfixture.RestFixtureReachingIntoPersistence;

/**
 * Not product code: a deliberate violation (wiring two adapters outside {@code dev.portcullis.app})
 * that {@code ArchitectureTest} checks its rules against.
 */
public class WiringOutsideApp {

    public String wire() {
        return new RestFixtureReachingIntoPersistence().read() + new PersistenceFixture().load();
    }
}
