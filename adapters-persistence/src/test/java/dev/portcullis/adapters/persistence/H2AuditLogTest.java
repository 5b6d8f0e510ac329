package dev.portcullis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.persistence.jpa.JpaAuditLog;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
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
}
