package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.graphjson.DocumentCodecs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The audit log on the database: each document before and after as the store encodes it (Graph JSON). */
@ApplicationScoped
public class JpaAuditLog implements AuditLogPort {

    private final DocumentCodecs codecs;

    @Inject
    public JpaAuditLog(DocumentCodecs codecs) {
        this.codecs = codecs;
    }

    /** In the transaction under way when there is one: a change and its entry are written together or not at all. */
    @Override
    public void append(Entry<?> entry) {
        QuarkusTransaction.joiningExisting().run(() -> persist(entry, codecs));
    }

    /** Writes one entry in the transaction under way (a change set writes its entries with its documents). */
    static void persist(Entry<?> entry, DocumentCodecs codecs) {
        AuditEntity row = new AuditEntity();
        row.id = entry.id();
        row.at = DocumentEntity.at(entry.at());
        row.actor = entry.actor();
        row.activity = entry.activity();
        row.kind = entry.kind().name();
        row.documentId = entry.documentId();
        row.beforeJson = entry.before().map(value -> codecs.encode(entry.kind(), value)).orElse(null);
        row.afterJson = entry.after().map(value -> codecs.encode(entry.kind(), value)).orElse(null);
        row.correlationId = entry.correlationId().orElse(null);
        row.persist();
    }

    @Override
    public List<Kept> recent(int skip, int top) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntity.<AuditEntity>find("order by at desc, id")
                .range(skip, skip + top - 1).list().stream()
                .map(r -> new Kept(r.id, r.at.toInstant(), r.actor, r.activity, DocumentKind.valueOf(r.kind), r.documentId,
                        Optional.ofNullable(r.beforeJson), Optional.ofNullable(r.afterJson),
                        Optional.ofNullable(r.correlationId)))
                .toList());
    }
}
