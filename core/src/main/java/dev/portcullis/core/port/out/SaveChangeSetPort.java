package dev.portcullis.core.port.out;

import java.util.List;
import java.util.Objects;

/**
 * Writes several new documents as one change: all of them with their audit entries in one
 * transaction, or nothing (an import). The snapshot version rises once.
 */
public interface SaveChangeSetPort {

    record NewDocument(DocumentKind kind, String id, String displayName, String json) {
        public NewDocument {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * @return {@link SaveResult.ChangeSetSaved} with every stored document, or
     *     {@link SaveResult.AlreadyExists} when any id is taken (then nothing was written)
     */
    SaveResult createAll(List<NewDocument> documents, List<AuditLogPort.Entry> audit);
}
