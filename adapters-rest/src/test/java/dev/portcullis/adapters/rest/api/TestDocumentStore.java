package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.port.out.InMemorySignInLog;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.ReferenceTurns;
import dev.portcullis.core.port.out.Transactions;
import dev.portcullis.core.service.InProcessReferenceTurns;
import dev.portcullis.core.service.InProcessTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.graphjson.DocumentCodecs;
import dev.portcullis.graphjson.GraphJsonCodecs;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The REST adapter alone: its ports backed by the in-memory store (the app wires the database). */
public class TestDocumentStore {

    @Produces
    @ApplicationScoped
    InMemoryDocumentStore store(AuditLogPort audit) {
        return new InMemoryDocumentStore(Clock.systemUTC(), audit);
    }

    /** Turns in this process: the REST adapter alone has no database to take them in. */
    @Produces
    @ApplicationScoped
    ReferenceTurns referenceTurns() {
        return new InProcessReferenceTurns();
    }

    /** The in-memory store cannot roll back: the database's transactions are the app's to prove. */
    @Produces
    @ApplicationScoped
    Transactions transactions() {
        return new InProcessTransactions();
    }

    /** Singleton: a record cannot be proxied. */
    @Produces
    @Singleton
    DocumentStores stores(InMemoryDocumentStore store) {
        return store.stores();
    }

    /** The directory tests fill in (What-If lookups, the lockout guard). */
    @Produces
    @ApplicationScoped
    InMemoryDirectory directory() {
        return new InMemoryDirectory();
    }

    /** An audit log that keeps what it is given, newest first, encoded as the database's keeps it. */
    @Produces
    @ApplicationScoped
    AuditLogPort auditLog(UserRiskAssessor assessor, Clock clock) {
        DocumentCodecs codecs = GraphJsonCodecs.all(assessor, clock);
        List<AuditLogPort.Kept> kept = new CopyOnWriteArrayList<>();
        return new AuditLogPort() {
            @Override
            public void append(Entry<?> entry) {
                kept.add(0, new Kept(entry.id(), entry.at(), entry.actor(), entry.activity(), entry.kind(),
                        entry.documentId(), entry.before().map(v -> codecs.encode(entry.kind(), v)),
                        entry.after().map(v -> codecs.encode(entry.kind(), v)), entry.correlationId()));
            }

            @Override
            public List<Kept> recent(int skip, int top) {
                return kept.stream().skip(skip).limit(top).toList();
            }
        };
    }

    /** The sign-in log in memory. */
    @Produces
    @ApplicationScoped
    SignInLogPort signInLog() {
        return new InMemorySignInLog();
    }
}
