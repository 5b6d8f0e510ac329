package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.LockMode;
import org.hibernate.LockOptions;
import org.hibernate.Session;

/**
 * Several writes of one kind in the transaction under way (an MDM's batch of device syncs): every
 * row they name is locked in one query per 1,000 ids, and the writes go to the database in one
 * flush, which JDBC batches, instead of a round of statements each. A document written twice is
 * flushed in between, so its second write sees the first's version. A row created beside this
 * transaction makes the flush, and so the transaction, fail: the caller then tries each write on
 * its own.
 */
final class BatchedWrites {

    /** Makes a new row, persisted and not yet flushed. */
    interface NewRow {
        DocumentEntity make(DocumentKind kind, String id, String displayName, String json);
    }

    private final DocumentKind kind;
    private final NewRow newRow;
    private final Clock clock;
    private final Map<String, DocumentEntity> rows = new HashMap<>();
    /** The writes made since the last flush, by their place in the list, and the rows they wrote. */
    private final Map<Integer, DocumentEntity> unsent = new LinkedHashMap<>();

    BatchedWrites(DocumentKind kind, NewRow newRow, Clock clock) {
        this.kind = kind;
        this.newRow = newRow;
        this.clock = clock;
    }

    List<SaveResult<String>> write(List<DocumentStore.Write<String>> writes) {
        lock(writes);
        List<SaveResult<String>> results = new ArrayList<>(Collections.nCopies(writes.size(), null));
        for (int i = 0; i < writes.size(); i++) {
            DocumentStore.Write<String> write = writes.get(i);
            DocumentEntity row = rows.get(write.id());
            if (row != null && unsent.containsValue(row)) {
                send(results);
            }
            Optional<SaveResult<String>> refusal = refusal(row, write.expectedVersion());
            if (refusal.isPresent()) {
                results.set(i, refusal.get());
                continue;
            }
            if (row == null) {
                row = newRow.make(kind, write.id(), write.displayName(), write.value());
                rows.put(write.id(), row);
            } else {
                row.displayName = write.displayName();
                row.json = write.value();
                row.modifiedAt = DocumentEntity.at(clock.instant());
            }
            JpaDocumentStore.changed(kind, write.id());
            unsent.put(i, row);
        }
        send(results);
        return results;
    }

    /** Multi-loads, whose SQL Hibernate builds once per batch size, not a query with a list of ids each time. */
    private void lock(List<DocumentStore.Write<String>> writes) {
        List<DocumentKey> keys = new LinkedHashSet<>(writes.stream().map(DocumentStore.Write::id).toList()).stream()
                .map(id -> new DocumentKey(kind.name(), id)).toList();
        Session session = DocumentEntity.getSession();
        session.byMultipleIds(DocumentEntity.class).with(new LockOptions(LockMode.PESSIMISTIC_WRITE))
                .withBatchSize(JpaDocumentStore.IDS_PER_QUERY).multiLoad(keys).stream().filter(Objects::nonNull)
                .forEach(row -> rows.put(row.key.id, row));
        if (kind.isFact()) {
            // Read now, the marks the writes leave in the fact feed are found without a query each.
            session.byMultipleIds(FactChangeEntity.class).withBatchSize(JpaDocumentStore.IDS_PER_QUERY).multiLoad(keys);
        }
    }

    /** Why a write cannot be made to this row (locked, or none), if it cannot. */
    private static Optional<SaveResult<String>> refusal(DocumentEntity row, Optional<Long> expectedVersion) {
        if (expectedVersion.isEmpty()) {
            return row == null ? Optional.empty() : Optional.of(new SaveResult.AlreadyExists<>());
        }
        if (row == null) {
            return Optional.of(new SaveResult.NotFound<>());
        }
        return row.documentVersion() == expectedVersion.get() ? Optional.empty()
                : Optional.of(new SaveResult.VersionConflict<>(row.documentVersion()));
    }

    /** Sends the writes so far, and answers each with its row as now stored (its new version). */
    private void send(List<SaveResult<String>> results) {
        DocumentEntity.getEntityManager().flush();
        unsent.forEach((i, row) -> results.set(i, new SaveResult.Saved<>(row.toDocument())));
        unsent.clear();
    }
}
