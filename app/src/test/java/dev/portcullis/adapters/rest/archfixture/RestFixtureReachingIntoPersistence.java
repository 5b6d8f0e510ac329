package dev.portcullis.adapters.rest.archfixture;

import dev.portcullis.adapters.persistence.archfixture.PersistenceFixture;

/**
 * Not product code: a deliberate violation (a REST adapter class using the persistence adapter)
 * that {@code ArchitectureTest} checks its adapter rules against.
 */
public class RestFixtureReachingIntoPersistence {

    public String read() {
        return new PersistenceFixture().load();
    }
}
