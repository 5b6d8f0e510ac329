package dev.portcullis.adapters.persistence;

import static dev.portcullis.adapters.persistence.StoredSamples.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.persistence.jpa.JpaAuditLog;
import dev.portcullis.adapters.persistence.jpa.JpaDocumentStore;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.graphjson.DocumentCodecs;
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

    @Inject
    DocumentCodecs codecs;

    /** The services hand over values; the log keeps, and shows, the documents as the store encodes them. */
    @Test
    void entriesComeBackNewestFirstWithBeforeAndAfterAsStored() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        ConditionalAccessPolicy v1 = policy("p1", "v1");
        ConditionalAccessPolicy v2 = policy("p1", "v2");
        AuditLogPort.Entry<ConditionalAccessPolicy> created = new AuditLogPort.Entry<>(UUID.randomUUID().toString(), t0,
                "alice", "create", DocumentKind.POLICY, "p1", Optional.empty(), Optional.of(v1));
        AuditLogPort.Entry<ConditionalAccessPolicy> updated = new AuditLogPort.Entry<>(UUID.randomUUID().toString(),
                t0.plusSeconds(5), "bob", "update", DocumentKind.POLICY, "p1", Optional.of(v1), Optional.of(v2));
        log.append(created);
        log.append(updated);
        assertThat(log.recent(0, 2)).containsExactly(kept(updated), kept(created));
        assertThat(log.recent(0, 1).get(0).after()).contains(codecs.policies().encode(v2));
    }

    /** A pilot notice writes its dates and counts in the activity: longer than a verb, and kept whole. */
    @Test
    void anActivityWithItsDatesAndCountsIsKeptWhole() {
        String activity = "notify affected users: enforcementDate 2026-12-13, sign-ins 2026-11-29T20:18:15.123456Z to"
                + " 2026-12-06T20:18:15.123456Z, prompted 1000, sent 997, skippedNoEmail 1, failed 2, notReached 4512";
        AuditLogPort.Entry<ConditionalAccessPolicy> notice = new AuditLogPort.Entry<>(UUID.randomUUID().toString(),
                Instant.parse("2040-01-01T00:00:00Z"), "ada", activity, DocumentKind.POLICY, "p1", Optional.empty(),
                Optional.empty());
        log.append(notice);
        assertThat(log.recent(0, 1)).containsExactly(kept(notice));
    }

    @Inject
    JpaDocumentStore store;

    @Test
    void aChangeSetWritesItsAuditEntriesInItsTransactionWithOneCorrelationId() {
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z"); // older than the other test's entries
        String changeSet = UUID.randomUUID().toString();
        String taken = "taken-" + changeSet;
        String fresh = "a-" + changeSet;
        store.stores().policies().create(taken, "Taken", policy(taken, "Taken"));
        List<AuditLogPort.Entry<?>> entries = List.of(
                new AuditLogPort.Entry<>(UUID.randomUUID().toString(), t0, "alice", "import", DocumentKind.POLICY,
                        fresh, Optional.empty(), Optional.of(policy(fresh, "A")), Optional.of(changeSet)),
                new AuditLogPort.Entry<>(UUID.randomUUID().toString(), t0, "alice", "import", DocumentKind.POLICY,
                        taken, Optional.empty(), Optional.of(policy(taken, "T")), Optional.of(changeSet)));

        // Refused whole: no entry is written either.
        store.createAll(List.of(new SaveChangeSetPort.Addition<>(DocumentKind.POLICY, fresh, "A", policy(fresh, "A")),
                new SaveChangeSetPort.Addition<>(DocumentKind.POLICY, taken, "T", policy(taken, "T"))), entries);
        assertThat(log.recent(0, 1000)).noneMatch(e -> e.correlationId().equals(Optional.of(changeSet)));

        store.createAll(List.of(new SaveChangeSetPort.Addition<>(DocumentKind.POLICY, fresh, "A", policy(fresh, "A"))),
                entries.subList(0, 1));
        assertThat(log.recent(0, 1000)).filteredOn(e -> e.correlationId().equals(Optional.of(changeSet)))
                .containsExactly(kept(entries.get(0)));
    }

    private AuditLogPort.Kept kept(AuditLogPort.Entry<?> entry) {
        return new AuditLogPort.Kept(entry.id(), entry.at(), entry.actor(), entry.activity(), entry.kind(),
                entry.documentId(), entry.before().map(v -> codecs.encode(entry.kind(), v)),
                entry.after().map(v -> codecs.encode(entry.kind(), v)), entry.correlationId());
    }
}
