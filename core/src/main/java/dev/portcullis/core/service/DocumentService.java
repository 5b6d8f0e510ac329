package dev.portcullis.core.service;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageDocuments;
import dev.portcullis.core.port.out.ReferenceTurns;
import dev.portcullis.core.port.in.References;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentChangedPort;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.port.out.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The collection behaviour of one kind of document (see {@link ManageDocuments}): validated whole,
 * guarded, written with the version it replaces, audited, and announced.
 */
public class DocumentService<T> implements ManageDocuments<T> {

    /** The collaborators every kind shares (each kind brings its own store). */
    public record Ports(AuditLogPort audit, DocumentChangedPort changed, StoredReferences references,
            ReferenceTurns turns, Transactions transactions, Clock clock) {}

    private final DocumentType<T> type;
    private final Ports ports;
    private final DocumentStore<T> store;
    private final WholeReports<T> reports;

    public DocumentService(DocumentType<T> type, Ports ports) {
        this.type = type;
        this.ports = ports;
        this.store = type.store();
        this.reports = new WholeReports<>(this, type, ports);
    }

    @Override
    public List<Versioned<T>> list() {
        List<Versioned<T>> all = new ArrayList<>();
        type.builtIn().forEach(builtIn -> all.add(new Versioned<>(type.id().apply(builtIn), builtIn, Optional.empty())));
        store.all().forEach(doc -> all.add(doc.versioned()));
        return all;
    }

    @Override
    public Optional<Versioned<T>> get(String id) {
        Optional<T> builtIn = type.builtIn(id);
        if (builtIn.isPresent()) {
            return Optional.of(new Versioned<>(id, builtIn.get(), Optional.empty()));
        }
        return store.find(id).map(Stored::versioned);
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
        SaveResult<T> result = store.create(id, type.displayName().apply(value), value);
        if (result instanceof SaveResult.AlreadyExists) {
            return new DocumentResult.AlreadyExists<>("a " + type.noun() + " with id '" + id
                    + "' exists: change it with PATCH, or leave the id out to get a new one");
        }
        Stored<T> stored = ((SaveResult.Saved<T>) result).document();
        audit(command.actor(), "create", refusals, stored.id(), Optional.empty(), Optional.of(stored.value()));
        return new DocumentResult.Written<>(stored.versioned(), true, read.warnings());
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
        T before = target.stored().orElseThrow().value();
        Checked<T> read = command.edit().apply(before, references());
        if (!read.ok()) {
            return new DocumentResult.Invalid<>(read.errors());
        }
        T after = read.value().orElseThrow();
        List<String> refusals = type.guard().refusals(Optional.of(before), after, command.actor());
        if (!refusals.isEmpty() && !command.force()) {
            return new DocumentResult.Refused<>(refusals);
        }
        SaveResult<T> result = store.replace(id, command.expectedVersion().get(), type.displayName().apply(after), after);
        if (!(result instanceof SaveResult.Saved<T> saved)) {
            return lost(result, id);
        }
        audit(command.actor(), "update", refusals, id, Optional.of(before), Optional.of(saved.document().value()));
        return new DocumentResult.Written<>(saved.document().versioned(), false, read.warnings());
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
        T current = target.stored().orElseThrow().value();
        List<String> users = type.usedBy().apply(id);
        if (!users.isEmpty()) {
            return new DocumentResult.InUse<>("the " + type.noun() + " is used by " + String.join(", ", users)
                    + ": remove it from them first");
        }
        SaveResult<T> result = store.delete(id, command.expectedVersion().get());
        if (!(result instanceof SaveResult.Deleted)) {
            return lost(result, id);
        }
        audit(command.actor(), "delete", List.of(), id, Optional.of(current), Optional.empty());
        return new DocumentResult.Deleted<>();
    }

    /** One whole document reported by a source of truth outside Portcullis (an MDM): the last report wins. */
    protected record Whole<T>(String id, Checked<T> read, String actor) {}

    /** See {@link WholeReports}. */
    protected List<DocumentResult<T>> replaceWhatever(List<Whole<T>> reports, BiPredicate<T, T> changesNothing) {
        return this.reports.replaceWhatever(reports, changesNothing);
    }

    /** Every change is audited (who, when, the document before and after); forcing past the guard says what it was warned about. */
    void audit(String actor, String activity, List<String> forcedPast, String id, Optional<T> before,
            Optional<T> after) {
        String what = activity + " " + type.noun()
                + (forcedPast.isEmpty() ? "" : " (forced past: " + String.join("; ", forcedPast) + ")");
        ports.audit().append(new AuditLogPort.Entry<>(UUID.randomUUID().toString(), ports.clock().instant(), actor, what,
                type.kind(), id, before, after));
    }

    /** The stored document a change names, or why it cannot be changed (built-in, missing, no version named). */
    private record Target<T>(Optional<Stored<T>> stored, Optional<DocumentResult<T>> refusal) {}

    private Target<T> target(String id, Optional<Long> expectedVersion) {
        if (type.builtIn(id).isPresent()) {
            return new Target<>(Optional.empty(), Optional.of(builtInIsReadOnly(id)));
        }
        Optional<Stored<T>> current = store.find(id);
        if (current.isEmpty()) {
            return new Target<>(current, Optional.of(notFound(id)));
        }
        if (expectedVersion.isEmpty()) {
            return new Target<>(current, Optional.of(new DocumentResult.VersionRequired<>()));
        }
        return new Target<>(current, Optional.empty());
    }

    /** A write the store did not make: someone changed or deleted the document first. */
    private DocumentResult<T> lost(SaveResult<T> result, String id) {
        return result instanceof SaveResult.VersionConflict<T> conflict
                ? new DocumentResult.Stale<>(conflict.currentVersion()) : notFound(id);
    }

    /**
     * Runs a write and its audit entry in one transaction, in turn when this kind names others, and
     * announces it once it is committed, so a node woken by the announcement reads the change, not
     * the version before it.
     */
    private DocumentResult<T> inTurn(Supplier<DocumentResult<T>> write) {
        return announced(type.namesOthers() ? ports.turns().inTurn(write) : ports.transactions().inOne(write));
    }

    DocumentResult<T> announced(DocumentResult<T> result) {
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
}
