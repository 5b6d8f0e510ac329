package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The document store on a relational database (H2 by default, PostgreSQL by configuration), with
 * Flyway migrations. A stale write is refused by comparing versions under a row lock, and JPA's
 * optimistic lock catches the writers that slip between; either way nothing is overwritten. Reads
 * and writes join the transaction under way, so that a turn ({@link DatabaseReferenceTurns}) checks
 * and writes in one transaction; outside a turn each is a transaction of its own.
 */
@ApplicationScoped
public class JpaDocumentStore implements LoadDocumentsPort, SaveDocumentPort, SaveChangeSetPort {

    private final Clock clock = Clock.systemUTC();
    /** Read once: a database's epoch never changes while the process that migrated it runs. */
    private volatile String epoch;

    @Override
    public List<StoredDocument> loadAll(DocumentKind kind) {
        return QuarkusTransaction.joiningExisting().call(() -> DocumentEntity
                .<DocumentEntity>list("key.kind = ?1 order by key.id", kind.name())
                .stream().map(DocumentEntity::toDocument).toList());
    }

    @Override
    public Optional<StoredDocument> load(DocumentKind kind, String id) {
        return QuarkusTransaction.joiningExisting().call(() -> DocumentEntity
                .<DocumentEntity>findByIdOptional(new DocumentKey(kind.name(), id)).map(DocumentEntity::toDocument));
    }

    @Override
    public long snapshotVersion() {
        return QuarkusTransaction.joiningExisting().call(() -> SnapshotVersionEntity.<SnapshotVersionEntity>findById(1).version);
    }

    @Override
    public String snapshotEpoch() {
        String known = epoch;
        if (known == null) {
            known = QuarkusTransaction.joiningExisting().call(() -> SnapshotVersionEntity.<SnapshotVersionEntity>findById(1).epoch);
            epoch = known;
        }
        return known;
    }

    @Override
    public SaveResult create(DocumentKind kind, String id, String displayName, String json) {
        return write(() -> {
            if (DocumentEntity.findById(new DocumentKey(kind.name(), id)) != null) {
                return new SaveResult.AlreadyExists();
            }
            DocumentEntity entity = new DocumentEntity();
            entity.key = new DocumentKey(kind.name(), id);
            entity.displayName = displayName;
            entity.json = json;
            entity.modifiedAt = DocumentEntity.at(clock.instant());
            entity.persist();
            entity.flush();
            return new SaveResult.Saved(entity.toDocument(), bumpSnapshotVersion());
        });
    }

    /** One transaction: every document and its audit entry, or nothing when any id is taken. */
    @Override
    public SaveResult createAll(List<NewDocument> documents, List<AuditLogPort.Entry> audit) {
        return write(() -> {
            for (NewDocument document : documents) {
                if (DocumentEntity.findById(new DocumentKey(document.kind().name(), document.id())) != null) {
                    return new SaveResult.AlreadyExists();
                }
            }
            List<DocumentEntity> stored = new java.util.ArrayList<>();
            for (NewDocument document : documents) {
                DocumentEntity entity = new DocumentEntity();
                entity.key = new DocumentKey(document.kind().name(), document.id());
                entity.displayName = document.displayName();
                entity.json = document.json();
                entity.modifiedAt = DocumentEntity.at(clock.instant());
                entity.persist();
                stored.add(entity);
            }
            DocumentEntity.getEntityManager().flush();
            audit.forEach(JpaAuditLog::persist);
            return new SaveResult.ChangeSetSaved(stored.stream().map(DocumentEntity::toDocument).toList(),
                    bumpSnapshotVersion());
        });
    }

    @Override
    public SaveResult replace(DocumentKind kind, String id, long expectedVersion, String displayName, String json) {
        return write(() -> {
            Locked locked = lock(kind, id, expectedVersion);
            if (locked.refusal() != null) {
                return locked.refusal();
            }
            DocumentEntity entity = locked.entity();
            entity.displayName = displayName;
            entity.json = json;
            entity.modifiedAt = DocumentEntity.at(clock.instant());
            entity.flush();
            return new SaveResult.Saved(entity.toDocument(), bumpSnapshotVersion());
        });
    }

    @Override
    public SaveResult delete(DocumentKind kind, String id, long expectedVersion) {
        return write(() -> {
            Locked locked = lock(kind, id, expectedVersion);
            if (locked.refusal() != null) {
                return locked.refusal();
            }
            locked.entity().delete();
            return new SaveResult.Deleted(bumpSnapshotVersion());
        });
    }

    /** The row, locked for this transaction, if it is at the version the writer read; else why not. */
    private record Locked(DocumentEntity entity, SaveResult refusal) {}

    private static Locked lock(DocumentKind kind, String id, long expectedVersion) {
        DocumentEntity entity = DocumentEntity.findById(new DocumentKey(kind.name(), id), LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            return new Locked(null, new SaveResult.NotFound());
        }
        if (entity.documentVersion() != expectedVersion) {
            return new Locked(null, new SaveResult.VersionConflict(entity.documentVersion()));
        }
        return new Locked(entity, null);
    }

    private static long bumpSnapshotVersion() {
        SnapshotVersionEntity row = SnapshotVersionEntity.findById(1, LockModeType.PESSIMISTIC_WRITE);
        row.version++;
        return row.version;
    }

    private SaveResult write(Supplier<SaveResult> work) {
        try {
            return QuarkusTransaction.joiningExisting().call(work::get);
        } catch (OptimisticLockException e) {
            return new SaveResult.VersionConflict(-1);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof OptimisticLockException) {
                return new SaveResult.VersionConflict(-1);
            }
            throw e;
        }
    }
}
