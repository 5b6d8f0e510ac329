package dev.portcullis.adapters.rest.archfixture;

import dev.portcullis.core.port.out.SnapshotVersionPort;
import dev.portcullis.core.service.InProcessReferenceTurns;

/**
 * Not product code: a deliberate violation (a resource reading the store and making a service
 * itself, instead of calling a use case) that {@code ArchitectureTest} checks its layer rules against.
 */
public class FixtureResourceReachingPastTheUseCases {

    public long version(SnapshotVersionPort versions) {
        return new InProcessReferenceTurns().inTurn(versions::snapshotVersion);
    }
}
