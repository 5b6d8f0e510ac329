package dev.portcullis.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who changed which document, when, and how it looked before and after. Append-only. */
public interface AuditLogPort {

    /**
     * @param before the document's JSON before the change, empty when it was created
     * @param after the document's JSON after the change, empty when it was deleted
     * @param correlationId the change set the entry belongs to (an import), as Graph's directoryAudit names it
     */
    record Entry(String id, Instant at, String actor, String activity, DocumentKind kind, String documentId,
            Optional<String> before, Optional<String> after, Optional<String> correlationId) {

        public Entry(String id, Instant at, String actor, String activity, DocumentKind kind, String documentId,
                Optional<String> before, Optional<String> after) {
            this(id, at, actor, activity, kind, documentId, before, after, Optional.empty());
        }
    }

    void append(Entry entry);

    /** Newest first. */
    List<Entry> recent(int skip, int top);
}
