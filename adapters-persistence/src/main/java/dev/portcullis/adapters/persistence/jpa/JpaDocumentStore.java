package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.FactFeedPort;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.SnapshotVersionPort;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.graphjson.DocumentCodec;
import dev.portcullis.graphjson.DocumentCodecs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The document store on a relational database (H2 by default, PostgreSQL by configuration), with
 * Flyway migrations. Every kind shares one table of Graph JSON text: the typed stores of
 * {@link #stores()} encode and decode with graph-json's codecs, so no service sees the text. A stale
 * write is refused by comparing versions under a row lock, and JPA's optimistic lock catches the
 * writers that slip between; an MDM's many writes ({@link DocumentRows}) update only the version
 * they read. Either way nothing is overwritten. Reads and writes join the
 * transaction under way, so that a turn ({@link DatabaseReferenceTurns}) checks and writes in one
 * transaction; outside a turn each is a transaction of its own.
 */
@ApplicationScoped
public class JpaDocumentStore implements SnapshotVersionPort, SaveChangeSetPort, FactFeedPort {

    /** Well under every database's limit of bound parameters. */
    static final int IDS_PER_QUERY = 1_000;
    /** In microseconds, as both databases keep a time: a write's answer is what a later read gives. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    private final DocumentCodecs codecs;
    private final DocumentStores stores;
    /** Read once: a database's epoch never changes while the process that migrated it runs. */
    private volatile String epoch;

    @Inject
    public JpaDocumentStore(DocumentCodecs codecs) {
        this.codecs = codecs;
        this.stores = new DocumentStores(typed(DocumentKind.POLICY, codecs.policies()),
                typed(DocumentKind.NAMED_LOCATION, codecs.namedLocations()),
                typed(DocumentKind.AUTHENTICATION_STRENGTH, codecs.strengths()),
                typed(DocumentKind.DEVICE, codecs.devices()), typed(DocumentKind.ALERT, codecs.alerts()),
                typed(DocumentKind.RISKY_USER, codecs.riskyUsers()),
                typed(DocumentKind.SECURITY_DEFAULTS, codecs.securityDefaults()),
                typed(DocumentKind.TEMPORARY_ACCESS_PASS, codecs.temporaryAccessPasses()));
    }

    /** Every kind's store, as values. */
    public DocumentStores stores() {
        return stores;
    }

    private <T> DocumentStore<T> typed(DocumentKind kind, DocumentCodec<T> codec) {
        return new EncodedStore<>(this, kind, codec);
    }

    List<Stored<String>> loadAll(DocumentKind kind) {
        return QuarkusTransaction.joiningExisting().call(() -> read(DocumentEntity
                .<DocumentEntity>list("key.kind = ?1 order by key.id", kind.name())));
    }

    Optional<Stored<String>> load(DocumentKind kind, String id) {
        return QuarkusTransaction.joiningExisting().call(() -> read(DocumentEntity
                .<DocumentEntity>findByIdOptional(new DocumentKey(kind.name(), id)).stream().toList())).stream().findFirst();
    }

    /** The documents with these ids that exist, in one transaction: see {@link DocumentRows}. */
    List<Stored<String>> loadEach(DocumentKind kind, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> DocumentRows.read(kind, ids));
    }

    /**
     * What was read, as values the persistence context no longer holds: a writer in the same
     * transaction then locks and reads the row afresh, and a flush has nothing to compare.
     */
    private static List<Stored<String>> read(List<DocumentEntity> entities) {
        EntityManager manager = DocumentEntity.getEntityManager();
        List<Stored<String>> documents = new ArrayList<>(entities.size());
        for (DocumentEntity entity : entities) {
            documents.add(entity.toDocument());
            manager.detach(entity);
        }
        return documents;
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
    public long factSequence() {
        PendingFacts.number();
        return QuarkusTransaction.joiningExisting().call(() -> SnapshotVersionEntity.<SnapshotVersionEntity>findById(1).factSequence);
    }

    @Override
    public List<FactChange> factChangesAfter(long sequence, int limit) {
        PendingFacts.number();
        return QuarkusTransaction.joiningExisting().call(() -> FactChangeEntity
                .<FactChangeEntity>find("sequence > ?1 order by sequence", sequence).page(0, limit).list()
                .stream().map(FactChangeEntity::toChange).toList());
    }

    SaveResult<String> create(DocumentKind kind, String id, String displayName, String json) {
        return write(() -> {
            if (DocumentEntity.findById(new DocumentKey(kind.name(), id)) != null) {
                return new SaveResult.AlreadyExists<>();
            }
            DocumentEntity entity = newEntity(kind, id, displayName, json);
            entity.flush();
            changed(kind, id);
            return new SaveResult.Saved<>(entity.toDocument());
        });
    }

    /** One transaction: every document and its audit entry, or nothing when any id is taken. */
    @Override
    public Result createAll(List<Addition<?>> documents, List<AuditLogPort.Entry<?>> audit) {
        return write(() -> {
            for (Addition<?> document : documents) {
                if (DocumentEntity.findById(new DocumentKey(document.kind().name(), document.id())) != null) {
                    return new Result.AlreadyExists();
                }
            }
            Map<String, DocumentEntity> stored = new LinkedHashMap<>();
            documents.forEach(d -> stored.put(SaveChangeSetPort.key(d.kind(), d.id()),
                    newEntity(d.kind(), d.id(), d.displayName(), codecs.encode(d.kind(), d.value()))));
            DocumentEntity.getEntityManager().flush();
            audit.forEach(entry -> JpaAuditLog.persist(entry, codecs));
            Map<String, Long> versions = new LinkedHashMap<>();
            stored.forEach((key, entity) -> versions.put(key, entity.documentVersion()));
            documents.stream().filter(d -> d.kind().isFact()).forEach(d -> PendingFacts.mark(d.kind(), d.id()));
            boolean facts = documents.stream().allMatch(d -> d.kind().isFact());
            return new Result.Saved(versions, facts ? snapshotVersion() : bumpSnapshotVersion());
        }, new Result.AlreadyExists());
    }

    DocumentEntity newEntity(DocumentKind kind, String id, String displayName, String json) {
        DocumentEntity entity = new DocumentEntity();
        entity.key = new DocumentKey(kind.name(), id);
        entity.displayName = displayName;
        entity.json = json;
        entity.modifiedAt = DocumentEntity.at(clock.instant());
        entity.persist();
        return entity;
    }

    /** Several writes sent together: see {@link DocumentRows}. */
    List<SaveResult<String>> writeEach(DocumentKind kind, List<DocumentStore.Write<String>> writes) {
        return QuarkusTransaction.joiningExisting().call(() -> DocumentRows.write(kind, writes, clock.instant()));
    }

    SaveResult<String> replace(DocumentKind kind, String id, long expectedVersion, String displayName, String json) {
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
            changed(kind, id);
            return new SaveResult.Saved<>(entity.toDocument());
        });
    }

    SaveResult<String> delete(DocumentKind kind, String id, long expectedVersion) {
        return write(() -> {
            Locked locked = lock(kind, id, expectedVersion);
            if (locked.refusal() != null) {
                return locked.refusal();
            }
            locked.entity().delete();
            changed(kind, id);
            return new SaveResult.Deleted<>();
        });
    }

    /** The row, locked for this transaction, if it is at the version the writer read; else why not. */
    private record Locked(DocumentEntity entity, SaveResult<String> refusal) {}

    private static Locked lock(DocumentKind kind, String id, long expectedVersion) {
        DocumentEntity entity = DocumentEntity.findById(new DocumentKey(kind.name(), id), LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            return new Locked(null, new SaveResult.NotFound<>());
        }
        if (entity.documentVersion() != expectedVersion) {
            return new Locked(null, new SaveResult.VersionConflict<>(entity.documentVersion()));
        }
        return new Locked(entity, null);
    }

    /**
     * A change of this document, in its transaction. Anything but a fact raises the snapshot version,
     * which locks the one version row until commit, so versions follow the order changes commit in,
     * whichever replica makes them. A fact's change is only marked pending (see {@link PendingFacts}):
     * device syncs and risk changes, the frequent writes, never wait for each other.
     */
    static void changed(DocumentKind kind, String id) {
        if (kind.isFact()) {
            PendingFacts.mark(kind, id);
        } else {
            bumpSnapshotVersion();
        }
    }

    static long bumpSnapshotVersion() {
        SnapshotVersionEntity row = SnapshotVersionEntity.findById(1, LockModeType.PESSIMISTIC_WRITE);
        row.version++;
        return row.version;
    }

    private SaveResult<String> write(Supplier<SaveResult<String>> work) {
        return write(work, new SaveResult.VersionConflict<>(-1));
    }

    /** @param lost what a writer that slipped past the row lock gets: it wrote nothing */
    private static <R> R write(Supplier<R> work, R lost) {
        try {
            return QuarkusTransaction.joiningExisting().call(work::get);
        } catch (OptimisticLockException e) {
            return lost;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof OptimisticLockException) {
                return lost;
            }
            throw e;
        }
    }
}
