package dev.portcullis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.persistence.jpa.JpaAuditLog;
import dev.portcullis.adapters.persistence.jpa.JpaDocumentStore;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class H2AuditLogTest {

    @Inject
    JpaAuditLog log;

    @Test
    void entriesComeBackNewestFirstWithBeforeAndAfter() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        AuditLogPort.Entry created = new AuditLogPort.Entry(UUID.randomUUID().toString(), t0, "alice", "create",
                DocumentKind.POLICY, "p1", Optional.empty(), Optional.of("{\"v\":1}"));
        AuditLogPort.Entry updated = new AuditLogPort.Entry(UUID.randomUUID().toString(), t0.plusSeconds(5), "bob",
                "update", DocumentKind.POLICY, "p1", Optional.of("{\"v\":1}"), Optional.of("{\"v\":2}"));
        log.append(created);
        log.append(updated);
        assertThat(log.recent(0, 2)).containsExactly(updated, created);
    }

    @Inject
    JpaDocumentStore store;

    @Test
    void aChangeSetWritesItsAuditEntriesInItsTransactionWithOneCorrelationId() {
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z"); // older than the other test's entries
        String changeSet = UUID.randomUUID().toString();
        String taken = "taken-" + changeSet;
        store.create(DocumentKind.POLICY, taken, "Taken", "{}");
        List<AuditLogPort.Entry> entries = List.of(
                new AuditLogPort.Entry(UUID.randomUUID().toString(), t0, "alice", "import", DocumentKind.POLICY,
                        "a-" + changeSet, Optional.empty(), Optional.of("{\"a\":1}"), Optional.of(changeSet)),
                new AuditLogPort.Entry(UUID.randomUUID().toString(), t0, "alice", "import", DocumentKind.POLICY,
                        taken, Optional.empty(), Optional.of("{}"), Optional.of(changeSet)));

        // Refused whole: no entry is written either.
        store.createAll(List.of(new SaveChangeSetPort.NewDocument(DocumentKind.POLICY, "a-" + changeSet, "A", "{\"a\":1}"),
                new SaveChangeSetPort.NewDocument(DocumentKind.POLICY, taken, "T", "{}")), entries);
        assertThat(log.recent(0, 1000)).noneMatch(e -> e.correlationId().equals(Optional.of(changeSet)));

        store.createAll(List.of(new SaveChangeSetPort.NewDocument(DocumentKind.POLICY, "a-" + changeSet, "A", "{\"a\":1}")),
                entries.subList(0, 1));
        assertThat(log.recent(0, 1000)).filteredOn(e -> e.correlationId().equals(Optional.of(changeSet)))
                .containsExactly(entries.get(0));
    }
}
