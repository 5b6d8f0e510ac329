package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.graphjson.DocumentCodec;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One kind's documents in the shared table: written as its codec encodes them, read back as values. */
final class EncodedStore<T> implements DocumentStore<T> {

    private final JpaDocumentStore table;
    private final DocumentKind kind;
    private final DocumentCodec<T> codec;

    EncodedStore(JpaDocumentStore table, DocumentKind kind, DocumentCodec<T> codec) {
        this.table = table;
        this.kind = kind;
        this.codec = codec;
    }

    @Override
    public DocumentKind kind() {
        return kind;
    }

    @Override
    public List<Stored<T>> all() {
        return table.loadAll(kind).stream().map(this::decoded).toList();
    }

    @Override
    public Optional<Stored<T>> find(String id) {
        return table.load(kind, id).map(this::decoded);
    }

    @Override
    public List<Stored<T>> findEach(Collection<String> ids) {
        return table.loadEach(kind, ids).stream().map(this::decoded).toList();
    }

    @Override
    public SaveResult<T> create(String id, String displayName, T value) {
        return typed(table.create(kind, id, displayName, codec.encode(value)));
    }

    @Override
    public List<SaveResult<T>> writeEach(List<Write<T>> writes) {
        return table.writeEach(kind, writes.stream().map(w -> new Write<>(w.id(), w.expectedVersion(), w.displayName(),
                codec.encode(w.value()))).toList()).stream().map(this::typed).toList();
    }

    @Override
    public SaveResult<T> replace(String id, long expectedVersion, String displayName, T value) {
        return typed(table.replace(kind, id, expectedVersion, displayName, codec.encode(value)));
    }

    @Override
    public SaveResult<T> delete(String id, long expectedVersion) {
        return typed(table.delete(kind, id, expectedVersion));
    }

    private Stored<T> decoded(Stored<String> row) {
        return new Stored<>(row.id(), row.displayName(), codec.decode(row.value()), row.version(), row.modifiedAt());
    }

    /** The table's answer about text, as one about values: a written document as a later read would see it. */
    private SaveResult<T> typed(SaveResult<String> result) {
        if (result instanceof SaveResult.Saved<String> saved) {
            return new SaveResult.Saved<>(decoded(saved.document()));
        }
        if (result instanceof SaveResult.Deleted<String>) {
            return new SaveResult.Deleted<>();
        }
        if (result instanceof SaveResult.VersionConflict<String> conflict) {
            return new SaveResult.VersionConflict<>(conflict.currentVersion());
        }
        return result instanceof SaveResult.NotFound ? new SaveResult.NotFound<>() : new SaveResult.AlreadyExists<>();
    }
}
