package dev.portcullis.adapters.persistence;

import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.port.out.SnapshotVersionPort;
import java.time.Clock;

class InMemoryDocumentStoreTest extends DocumentStoreContract {

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(Clock.systemUTC());

    @Override
    protected DocumentStores stores() {
        return store.stores();
    }

    @Override
    protected SnapshotVersionPort versions() {
        return store;
    }

    @Override
    protected SaveChangeSetPort changeSet() {
        return store;
    }
}
