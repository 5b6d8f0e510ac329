package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The audit log on the database. */
@ApplicationScoped
public class JpaAuditLog implements AuditLogPort {

    /** In the transaction under way when there is one: a change and its entry are written together or not at all. */
    @Override
    public void append(Entry entry) {
        QuarkusTransaction.joiningExisting().run(() -> persist(entry));
    }

    /** Writes one entry in the transaction under way (a change set writes its entries with its documents). */
    static void persist(Entry entry) {
        AuditEntity row = new AuditEntity();
        row.id = entry.id();
        row.at = DocumentEntity.at(entry.at());
        row.actor = entry.actor();
        row.activity = entry.activity();
        row.kind = entry.kind().name();
        row.documentId = entry.documentId();
        row.beforeJson = entry.before().orElse(null);
        row.afterJson = entry.after().orElse(null);
        row.correlationId = entry.correlationId().orElse(null);
        row.persist();
    }

    @Override
    public List<Entry> recent(int skip, int top) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntity.<AuditEntity>find("order by at desc, id")
                .range(skip, skip + top - 1).list().stream()
                .map(r -> new Entry(r.id, r.at.toInstant(), r.actor, r.activity, DocumentKind.valueOf(r.kind), r.documentId,
                        Optional.ofNullable(r.beforeJson), Optional.ofNullable(r.afterJson),
                        Optional.ofNullable(r.correlationId)))
                .toList());
    }
}
