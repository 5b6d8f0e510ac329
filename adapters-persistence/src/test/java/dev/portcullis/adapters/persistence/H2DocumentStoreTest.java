package dev.portcullis.adapters.persistence;

import dev.portcullis.adapters.persistence.jpa.JpaDocumentStore;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The JPA store on H2, the embedded default. */
@QuarkusTest
class H2DocumentStoreTest extends DocumentStoreContract {

    @Inject
    JpaDocumentStore store;

    @Override
    protected LoadDocumentsPort load() {
        return store;
    }

    @Override
    protected SaveDocumentPort save() {
        return store;
    }
}
