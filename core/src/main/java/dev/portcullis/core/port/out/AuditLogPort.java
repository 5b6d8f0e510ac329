package dev.portcullis.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who changed which document, when, and how it looked before and after. Append-only. The log keeps
 * the documents in the store's encoding, so it shows them as the API writes them.
 */
public interface AuditLogPort {

    /**
     * A change, as the services describe it.
     *
     * @param before the document before the change, empty when it was created
     * @param after the document after the change, empty when it was deleted
     * @param correlationId the change set the entry belongs to (an import), as Graph's directoryAudit names it
     */
    record Entry<T>(String id, Instant at, String actor, String activity, DocumentKind kind, String documentId,
            Optional<T> before, Optional<T> after, Optional<String> correlationId) {

        public Entry(String id, Instant at, String actor, String activity, DocumentKind kind, String documentId,
                Optional<T> before, Optional<T> after) {
            this(id, at, actor, activity, kind, documentId, before, after, Optional.empty());
        }
    }

    /** An entry as kept: the documents as the store encoded them (Graph JSON), which the API shows as they are. */
    record Kept(String id, Instant at, String actor, String activity, DocumentKind kind, String documentId,
            Optional<String> before, Optional<String> after, Optional<String> correlationId) {}

    void append(Entry<?> entry);

    /** Newest first. */
    List<Kept> recent(int skip, int top);
}
