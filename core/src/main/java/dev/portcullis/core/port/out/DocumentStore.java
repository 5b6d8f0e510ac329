package dev.portcullis.core.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The stored documents of one kind, as values. Writes use optimistic concurrency: a writer names the
 * version it read, and a stale write changes nothing. Every successful change raises the snapshot
 * version in the same transaction, or for a fact ({@link DocumentKind#isFact()}) takes the next fact
 * sequence number, so nodes never see a change without a new version.
 */
public interface DocumentStore<T> {

    DocumentKind kind();

    /** Ordered by id. */
    List<Stored<T>> all();

    Optional<Stored<T>> find(String id);

    /** Those of these documents that exist, in any order: one read where a caller needs many. */
    List<Stored<T>> findEach(Collection<String> ids);

    SaveResult<T> create(String id, String displayName, T value);

    /** One write of {@link #writeEach}: a creation when it names no version, else a replacement of that version. */
    record Write<T>(String id, Optional<Long> expectedVersion, String displayName, T value) {}

    /**
     * Several writes, each answered as {@link #create} or {@link #replace} would answer it alone, in
     * order, in the transaction under way: a database reads their versions in one query and sends the
     * writes together. A write refused (stale, taken, missing) changes nothing; the others stand.
     */
    List<SaveResult<T>> writeEach(List<Write<T>> writes);

    SaveResult<T> replace(String id, long expectedVersion, String displayName, T value);

    SaveResult<T> delete(String id, long expectedVersion);
}
