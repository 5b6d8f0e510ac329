package dev.portcullis.adapters.persistence;

import dev.portcullis.core.port.out.InMemoryDocumentStore;
import java.time.Clock;

class InMemoryDocumentStoreTest extends DocumentStoreContract {

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(Clock.systemUTC());

    @Override
    protected Store store() {
        return new Store(store.stores(), store, store, store);
    }
}
