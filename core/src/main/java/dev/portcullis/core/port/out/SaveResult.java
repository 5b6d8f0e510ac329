package dev.portcullis.core.port.out;

/** What a write of one document did: never an exception for an outcome a caller must handle. */
public sealed interface SaveResult<T> {

    /** The document as a later read returns it. */
    record Saved<T>(Stored<T> document) implements SaveResult<T> {}

    record Deleted<T>() implements SaveResult<T> {}

    /** Someone else changed the document first: nothing was written. */
    record VersionConflict<T>(long currentVersion) implements SaveResult<T> {}

    record NotFound<T>() implements SaveResult<T> {}

    record AlreadyExists<T>() implements SaveResult<T> {}
}
