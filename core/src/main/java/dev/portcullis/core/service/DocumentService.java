package dev.portcullis.core.service;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageDocuments;
import dev.portcullis.core.port.out.ReferenceTurns;
import dev.portcullis.core.port.in.References;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentChangedPort;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The collection behaviour of one kind of document (see {@link ManageDocuments}): validated whole,
 * guarded, written with the version it replaces, audited, and announced.
 */
public class DocumentService<T> implements ManageDocuments<T> {

    /** The collaborators every kind shares. */
    public record Ports(LoadDocumentsPort load, SaveDocumentPort save, AuditLogPort audit, DocumentChangedPort changed,
            StoredReferences references, ReferenceTurns turns, Clock clock) {}

    private final DocumentType<T> type;
    private final Ports ports;

    public DocumentService(DocumentType<T> type, Ports ports) {
        this.type = type;
        this.ports = ports;
    }

    @Override
    public List<T> list() {
        List<T> all = new ArrayList<>(type.builtIn());
        ports.load().loadAll(type.kind()).forEach(doc -> all.add(decode(doc)));
        return all;
    }

    @Override
    public Optional<Versioned<T>> get(String id) {
        Optional<T> builtIn = type.builtIn(id);
        if (builtIn.isPresent()) {
            return Optional.of(new Versioned<>(id, builtIn.get(), Optional.empty()));
        }
        return ports.load().load(type.kind(), id).map(this::versioned);
    }

    @Override
    public References references() {
        return ports.references().current();
    }

    @Override
    public DocumentResult<T> create(Create<T> command) {
        return inTurn(() -> createNow(command));
    }

    private DocumentResult<T> createNow(Create<T> command) {
        Checked<T> read = command.document().read(references());
        if (!read.ok()) {
            return new DocumentResult.Invalid<>(read.errors());
        }
        T value = type.id().apply(read.value().orElseThrow()).isBlank()
                ? type.withId().apply(read.value().orElseThrow(), UUID.randomUUID().toString())
                : read.value().orElseThrow();
        String id = type.id().apply(value);
        if (type.builtIn(id).isPresent()) {
            return builtInIsReadOnly(id);
        }
        List<String> refusals = type.guard().refusals(Optional.empty(), value, command.actor());
        if (!refusals.isEmpty() && !command.force()) {
            return new DocumentResult.Refused<>(refusals);
        }
        SaveResult result = ports.save().create(type.kind(), id, type.displayName().apply(value), encode(value));
        if (result instanceof SaveResult.AlreadyExists) {
            return new DocumentResult.AlreadyExists<>("a " + type.noun() + " with id '" + id
                    + "' exists: change it with PATCH, or leave the id out to get a new one");
        }
        StoredDocument stored = ((SaveResult.Saved) result).document();
        audit(command.actor(), "create", refusals, stored.id(), Optional.empty(), Optional.of(stored.json()));
        return new DocumentResult.Written<>(versioned(stored), true, read.warnings());
    }

    @Override
    public DocumentResult<T> update(Update<T> command) {
        return inTurn(() -> updateNow(command));
    }

    private DocumentResult<T> updateNow(Update<T> command) {
        String id = command.id();
        Target<T> target = target(id, command.expectedVersion());
        if (target.refusal().isPresent()) {
            return target.refusal().get();
        }
        Optional<StoredDocument> current = target.stored();
        T before = decode(current.get());
        Checked<T> read = command.edit().apply(before, references());
        if (!read.ok()) {
            return new DocumentResult.Invalid<>(read.errors());
        }
        T after = read.value().orElseThrow();
        List<String> refusals = type.guard().refusals(Optional.of(before), after, command.actor());
        if (!refusals.isEmpty() && !command.force()) {
            return new DocumentResult.Refused<>(refusals);
        }
        SaveResult result = ports.save().replace(type.kind(), id, command.expectedVersion().get(),
                type.displayName().apply(after), encode(after));
        if (!(result instanceof SaveResult.Saved || result instanceof SaveResult.Deleted)) {
            return lost(result, id);
        }
        StoredDocument stored = ((SaveResult.Saved) result).document();
        audit(command.actor(), "update", refusals, id, Optional.of(current.get().json()), Optional.of(stored.json()));
        return new DocumentResult.Written<>(versioned(stored), false, read.warnings());
    }

    @Override
    public DocumentResult<T> delete(Delete command) {
        return inTurn(() -> deleteNow(command));
    }

    private DocumentResult<T> deleteNow(Delete command) {
        String id = command.id();
        Target<T> target = target(id, command.expectedVersion());
        if (target.refusal().isPresent()) {
            return target.refusal().get();
        }
        Optional<StoredDocument> current = target.stored();
        List<String> users = type.usedBy().apply(id);
        if (!users.isEmpty()) {
            return new DocumentResult.InUse<>("the " + type.noun() + " is used by " + String.join(", ", users)
                    + ": remove it from them first");
        }
        SaveResult result = ports.save().delete(type.kind(), id, command.expectedVersion().get());
        if (!(result instanceof SaveResult.Saved || result instanceof SaveResult.Deleted)) {
            return lost(result, id);
        }
        audit(command.actor(), "delete", List.of(), id, Optional.of(current.get().json()), Optional.empty());
        return new DocumentResult.Deleted<>();
    }

    /**
     * The whole document at this id, created or replaced whatever version is stored (a source of
     * truth outside Portcullis, where the last report wins).
     */
    protected DocumentResult<T> replaceWhatever(String id, Checked<T> read, String actor) {
        if (!read.ok()) {
            return new DocumentResult.Invalid<>(read.errors());
        }
        T value = read.value().orElseThrow();
        String text = encode(value);
        // A concurrent report can win between read and write: read again and retry, a few times.
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredDocument> current = ports.load().load(type.kind(), id);
            SaveResult result = current.isEmpty()
                    ? ports.save().create(type.kind(), id, type.displayName().apply(value), text)
                    : ports.save().replace(type.kind(), id, current.get().version(), type.displayName().apply(value), text);
            if (result instanceof SaveResult.Saved saved) {
                audit(actor, current.isEmpty() ? "create" : "update", List.of(), id, current.map(StoredDocument::json),
                        Optional.of(saved.document().json()));
                return announced(new DocumentResult.Written<>(versioned(saved.document()), current.isEmpty(),
                        read.warnings()));
            }
        }
        return new DocumentResult.Busy<>("the " + type.noun() + " '" + id
                + "' kept changing while it was written: send it again");
    }

    /** Every change is audited (who, when, the document before and after); forcing past the guard says what it was warned about. */
    private void audit(String actor, String activity, List<String> forcedPast, String id, Optional<String> before,
            Optional<String> after) {
        String what = activity + " " + type.noun()
                + (forcedPast.isEmpty() ? "" : " (forced past: " + String.join("; ", forcedPast) + ")");
        ports.audit().append(new AuditLogPort.Entry(UUID.randomUUID().toString(), ports.clock().instant(), actor, what,
                type.kind(), id, before, after));
    }

    /** The stored document a change names, or why it cannot be changed (built-in, missing, no version named). */
    private record Target<T>(Optional<StoredDocument> stored, Optional<DocumentResult<T>> refusal) {}

    private Target<T> target(String id, Optional<Long> expectedVersion) {
        if (type.builtIn(id).isPresent()) {
            return new Target<>(Optional.empty(), Optional.of(builtInIsReadOnly(id)));
        }
        Optional<StoredDocument> current = ports.load().load(type.kind(), id);
        if (current.isEmpty()) {
            return new Target<>(current, Optional.of(notFound(id)));
        }
        if (expectedVersion.isEmpty()) {
            return new Target<>(current, Optional.of(new DocumentResult.VersionRequired<>()));
        }
        return new Target<>(current, Optional.empty());
    }

    /** A write the store did not make: someone changed or deleted the document first. */
    private DocumentResult<T> lost(SaveResult result, String id) {
        return result instanceof SaveResult.VersionConflict conflict
                ? new DocumentResult.Stale<>(conflict.currentVersion()) : notFound(id);
    }

    /**
     * Runs a write, in turn when this kind names others, and announces it once it is stored: after the
     * turn, so a node woken by the announcement reads the change, not the version before it.
     */
    private DocumentResult<T> inTurn(Supplier<DocumentResult<T>> write) {
        return announced(type.namesOthers() ? ports.turns().inTurn(write) : write.get());
    }

    private DocumentResult<T> announced(DocumentResult<T> result) {
        if (result instanceof DocumentResult.Written<T> written) {
            ports.changed().changed(type.kind(), written.created() ? "create" : "update");
        } else if (result instanceof DocumentResult.Deleted<T>) {
            ports.changed().changed(type.kind(), "delete");
        }
        return result;
    }

    private DocumentResult<T> builtInIsReadOnly(String id) {
        return new DocumentResult.BuiltIn<>("the built-in " + type.noun() + " '" + id
                + "' cannot be changed or replaced: create a custom one instead");
    }

    private DocumentResult<T> notFound(String id) {
        return new DocumentResult.NotFound<>(type.noun() + " '" + id + "'");
    }

    private Versioned<T> versioned(StoredDocument doc) {
        return new Versioned<>(doc.id(), decode(doc), Optional.of(doc.version()));
    }

    private T decode(StoredDocument doc) {
        return type.codec().decode(doc.json());
    }

    private String encode(T value) {
        return type.codec().encode(value);
    }
}
