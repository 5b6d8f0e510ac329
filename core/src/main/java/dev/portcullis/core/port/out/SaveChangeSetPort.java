package dev.portcullis.core.port.out;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes several new documents as one change: all of them with their audit entries in one
 * transaction, or nothing (an import). The snapshot version rises once.
 */
public interface SaveChangeSetPort {

    /** One new document of a change set, as its value: the store encodes it, as it does every write. */
    record Addition<T>(DocumentKind kind, String id, String displayName, T value) {
        public Addition {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(value, "value");
        }
    }

    sealed interface Result {

        /** @param versions each stored document's version, by kind and id ("POLICY/p1") */
        record Saved(Map<String, Long> versions, long snapshotVersion) implements Result {}

        /** An id was taken: nothing was written. */
        record AlreadyExists() implements Result {}
    }

    static String key(DocumentKind kind, String id) {
        return kind + "/" + id;
    }

    Result createAll(List<Addition<?>> documents, List<AuditLogPort.Entry<?>> audit);
}
