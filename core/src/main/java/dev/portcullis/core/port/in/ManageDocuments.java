package dev.portcullis.core.port.in;

import dev.portcullis.core.RecordComponents;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The collection behaviour every kind of document shares: list, get with its version, create,
 * change, and delete naming the version read. Every write is read and validated whole before
 * anything is stored, and names the version it replaces, so no update is ever lost.
 */
public interface ManageDocuments<T> {

    /** The built-in documents first, then the stored ones by id, each with its version and last change. */
    List<Versioned<T>> list();

    Optional<Versioned<T>> get(String id);

    /** The references a document of this kind may use, as stored now (what a front end reads a draft against). */
    References references();

    DocumentResult<T> create(Create<T> command);

    DocumentResult<T> update(Update<T> command);

    DocumentResult<T> delete(Delete command);

    /** A front end's reading of its request, against what it may refer to as stored at the time of the write. */
    @FunctionalInterface
    interface Reader<T> {
        Checked<T> read(References references);
    }

    /** A change of the stored document (a JSON merge patch), read against what it may refer to. */
    @FunctionalInterface
    interface Edit<T> {
        Checked<T> apply(T current, References references);
    }

    /**
     * @param force make it even when the lockout guard refuses (never past a validation error)
     * @param actor who asks, as the audit log names them
     */
    record Create<T>(Reader<T> document, boolean force, String actor) {
        public Create {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** @param expectedVersion the version the change was made to; empty when the caller named none */
    record Update<T>(String id, Optional<Long> expectedVersion, Edit<T> edit, boolean force, String actor) {
        public Update {
            RecordComponents.requireNonNull("id expectedVersion edit actor", id, expectedVersion, edit, actor);
        }
    }

    record Delete(String id, Optional<Long> expectedVersion, String actor) {
        public Delete {
            RecordComponents.requireNonNull("id expectedVersion actor", id, expectedVersion, actor);
        }
    }
}
