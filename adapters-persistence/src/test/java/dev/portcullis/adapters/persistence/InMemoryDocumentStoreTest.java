package dev.portcullis.adapters.persistence;

import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import java.time.Clock;

class InMemoryDocumentStoreTest extends DocumentStoreContract {

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(Clock.systemUTC());

    @Override
    protected LoadDocumentsPort load() {
        return store;
    }

    @Override
    protected SaveDocumentPort save() {
        return store;
    }
}
