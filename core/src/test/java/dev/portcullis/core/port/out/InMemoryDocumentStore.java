package dev.portcullis.core.port.out;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The document store in memory, for tests of what sits on top of it; the same contract as the JPA store. */
public final class InMemoryDocumentStore implements LoadDocumentsPort, SaveDocumentPort, SaveChangeSetPort {

    private final Map<String, StoredDocument> documents = new TreeMap<>();
    private final Clock clock;
    private final String epoch = java.util.UUID.randomUUID().toString();
    private final AuditLogPort audit;
    private long snapshotVersion;

    public InMemoryDocumentStore(Clock clock) {
        this(clock, null);
    }

    /** @param audit where a change set's audit entries go, with its documents */
    public InMemoryDocumentStore(Clock clock, AuditLogPort audit) {
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public synchronized SaveResult createAll(List<NewDocument> created, List<AuditLogPort.Entry> entries) {
        if (created.stream().anyMatch(d -> documents.containsKey(key(d.kind(), d.id())))) {
            return new SaveResult.AlreadyExists();
        }
        List<StoredDocument> stored = new java.util.ArrayList<>();
        for (NewDocument d : created) {
            StoredDocument document = new StoredDocument(d.kind(), d.id(), d.displayName(), d.json(), 1, clock.instant());
            documents.put(key(d.kind(), d.id()), document);
            stored.add(document);
        }
        if (audit != null) {
            entries.forEach(audit::append);
        }
        return new SaveResult.ChangeSetSaved(stored, ++snapshotVersion);
    }

    private static String key(DocumentKind kind, String id) {
        return kind.name() + "/" + id;
    }

    @Override
    public synchronized List<StoredDocument> loadAll(DocumentKind kind) {
        return documents.values().stream().filter(d -> d.kind() == kind).toList();
    }

    @Override
    public synchronized Optional<StoredDocument> load(DocumentKind kind, String id) {
        return Optional.ofNullable(documents.get(key(kind, id)));
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
    public synchronized SaveResult create(DocumentKind kind, String id, String displayName, String json) {
        if (documents.containsKey(key(kind, id))) {
            return new SaveResult.AlreadyExists();
        }
        return put(new StoredDocument(kind, id, displayName, json, 1, clock.instant()));
    }

    @Override
    public synchronized SaveResult replace(DocumentKind kind, String id, long expectedVersion, String displayName,
            String json) {
        StoredDocument current = documents.get(key(kind, id));
        if (current == null) {
            return new SaveResult.NotFound();
        }
        if (current.version() != expectedVersion) {
            return new SaveResult.VersionConflict(current.version());
        }
        return put(new StoredDocument(kind, id, displayName, json, expectedVersion + 1, clock.instant()));
    }

    @Override
    public synchronized SaveResult delete(DocumentKind kind, String id, long expectedVersion) {
        StoredDocument current = documents.get(key(kind, id));
        if (current == null) {
            return new SaveResult.NotFound();
        }
        if (current.version() != expectedVersion) {
            return new SaveResult.VersionConflict(current.version());
        }
        documents.remove(key(kind, id));
        return new SaveResult.Deleted(++snapshotVersion);
    }

    private SaveResult put(StoredDocument document) {
        documents.put(key(document.kind(), document.id()), document);
        return new SaveResult.Saved(document, ++snapshotVersion);
    }
}
