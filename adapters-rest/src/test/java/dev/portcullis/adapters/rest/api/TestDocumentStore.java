package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.out.InMemoryDocumentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The REST adapter alone: its ports backed by the in-memory store (the app wires the database). */
public class TestDocumentStore {

    @Produces
    @ApplicationScoped
    InMemoryDocumentStore store() {
        return new InMemoryDocumentStore(Clock.systemUTC());
    }
}
