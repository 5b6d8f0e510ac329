package dev.portcullis.core.port.out;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The document store in memory, for tests of what sits on top of it; the same contract as the JPA
 * store. It keeps the values themselves: no encoding.
 */
public final class InMemoryDocumentStore implements SnapshotVersionPort, SaveChangeSetPort, FactFeedPort {

    private final Map<DocumentKind, Map<String, Stored<?>>> documents = new TreeMap<>();
    private final Clock clock;
    private final String epoch = UUID.randomUUID().toString();
    private final AuditLogPort audit;
    private final DocumentStores stores;
    private long snapshotVersion;
    private long factSequence;
    /** Each fact's last change, by kind and id. */
    private final Map<String, FactChange> factChanges = new LinkedHashMap<>();

    public InMemoryDocumentStore(Clock clock) {
        this(clock, null);
    }

    /** @param audit where a change set's audit entries go, with its documents */
    public InMemoryDocumentStore(Clock clock, AuditLogPort audit) {
        this.clock = clock;
        this.audit = audit;
        this.stores = new DocumentStores(new Kind<>(DocumentKind.POLICY), new Kind<>(DocumentKind.NAMED_LOCATION),
                new Kind<>(DocumentKind.AUTHENTICATION_STRENGTH), new Kind<>(DocumentKind.DEVICE),
                new Kind<>(DocumentKind.ALERT), new Kind<>(DocumentKind.RISKY_USER),
                new Kind<>(DocumentKind.SECURITY_DEFAULTS), new Kind<>(DocumentKind.TEMPORARY_ACCESS_PASS));
    }

    public DocumentStores stores() {
        return stores;
    }

    @Override
    public synchronized long snapshotVersion() {
        return snapshotVersion;
    }

    @Override
    public String snapshotEpoch() {
        return epoch;
    }

    @Override
    public synchronized long factSequence() {
        return factSequence;
    }

    @Override
    public synchronized List<FactChange> factChangesAfter(long sequence, int limit) {
        return factChanges.values().stream().filter(c -> c.sequence() > sequence)
                .sorted(Comparator.comparingLong(FactChange::sequence)).limit(limit).toList();
    }

    /** A change of this document: a fact takes the next fact sequence number, anything else raises the snapshot version. */
    private void changed(DocumentKind kind, String id) {
        if (!kind.isFact()) {
            ++snapshotVersion;
            return;
        }
        String key = SaveChangeSetPort.key(kind, id);
        factChanges.remove(key); // kept in sequence order: the entity's last change moves to the end
        factChanges.put(key, new FactChange(kind, id, ++factSequence));
    }

    @Override
    public synchronized Result createAll(List<Addition<?>> created, List<AuditLogPort.Entry<?>> entries) {
        if (created.stream().anyMatch(d -> of(d.kind()).containsKey(d.id()))) {
            return new Result.AlreadyExists();
        }
        Map<String, Long> versions = new LinkedHashMap<>();
        for (Addition<?> d : created) {
            of(d.kind()).put(d.id(), new Stored<>(d.id(), d.displayName(), d.value(), 1, clock.instant()));
            versions.put(SaveChangeSetPort.key(d.kind(), d.id()), 1L);
            if (d.kind().isFact()) {
                changed(d.kind(), d.id());
            }
        }
        if (audit != null) {
            entries.forEach(audit::append);
        }
        boolean facts = created.stream().allMatch(d -> d.kind().isFact());
        return new Result.Saved(versions, facts ? factSequence : ++snapshotVersion);
    }

    private Map<String, Stored<?>> of(DocumentKind kind) {
        return documents.computeIfAbsent(kind, k -> new TreeMap<>());
    }

    /** The documents of one kind; every kind shares the store's lock, versions and fact sequence. */
    private final class Kind<T> implements DocumentStore<T> {

        private final DocumentKind kind;

        Kind(DocumentKind kind) {
            this.kind = kind;
        }

        @Override
        public DocumentKind kind() {
            return kind;
        }

        @Override
        public List<Stored<T>> all() {
            synchronized (InMemoryDocumentStore.this) {
                List<Stored<T>> all = new ArrayList<>();
                of(kind).values().forEach(doc -> all.add(typed(doc)));
                return all;
            }
        }

        @Override
        public Optional<Stored<T>> find(String id) {
            synchronized (InMemoryDocumentStore.this) {
                return Optional.ofNullable(of(kind).get(id)).map(this::typed);
            }
        }

        @Override
        public List<Stored<T>> findEach(Collection<String> ids) {
            synchronized (InMemoryDocumentStore.this) {
                return ids.stream().distinct().map(of(kind)::get).filter(Objects::nonNull).map(this::typed).toList();
            }
        }

        @Override
        public SaveResult<T> create(String id, String displayName, T value) {
            synchronized (InMemoryDocumentStore.this) {
                if (of(kind).containsKey(id)) {
                    return new SaveResult.AlreadyExists<>();
                }
                return put(new Stored<>(id, displayName, value, 1, clock.instant()));
            }
        }

        @Override
        public List<SaveResult<T>> writeEach(List<Write<T>> writes) {
            synchronized (InMemoryDocumentStore.this) {
                return writes.stream().map(w -> w.expectedVersion().isEmpty() ? create(w.id(), w.displayName(), w.value())
                        : replace(w.id(), w.expectedVersion().get(), w.displayName(), w.value())).toList();
            }
        }

        @Override
        public SaveResult<T> replace(String id, long expectedVersion, String displayName, T value) {
            synchronized (InMemoryDocumentStore.this) {
                Optional<SaveResult<T>> refusal = refusal(id, expectedVersion);
                return refusal.orElseGet(() -> put(new Stored<>(id, displayName, value, expectedVersion + 1,
                        clock.instant())));
            }
        }

        @Override
        public SaveResult<T> delete(String id, long expectedVersion) {
            synchronized (InMemoryDocumentStore.this) {
                Optional<SaveResult<T>> refusal = refusal(id, expectedVersion);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
                of(kind).remove(id);
                changed(kind, id);
                return new SaveResult.Deleted<>();
            }
        }

        private Optional<SaveResult<T>> refusal(String id, long expectedVersion) {
            Stored<?> current = of(kind).get(id);
            if (current == null) {
                return Optional.of(new SaveResult.NotFound<>());
            }
            if (current.version() != expectedVersion) {
                return Optional.of(new SaveResult.VersionConflict<>(current.version()));
            }
            return Optional.empty();
        }

        private SaveResult<T> put(Stored<T> document) {
            of(kind).put(document.id(), document);
            changed(kind, document.id());
            return new SaveResult.Saved<>(document);
        }

        /** Only this kind's store puts documents of its kind, so they are of its type. */
        @SuppressWarnings("unchecked")
        private Stored<T> typed(Stored<?> document) {
            return (Stored<T>) document;
        }
    }
}
