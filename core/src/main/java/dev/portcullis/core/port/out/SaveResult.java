package dev.portcullis.core.port.out;

/** What a write did: never an exception for an outcome a caller must handle. */
public sealed interface SaveResult {

    /** @param snapshotVersion the policy snapshot version this change produced */
    record Saved(StoredDocument document, long snapshotVersion) implements SaveResult {}

    record Deleted(long snapshotVersion) implements SaveResult {}

    /** Every document of a change set, stored together. */
    record ChangeSetSaved(java.util.List<StoredDocument> documents, long snapshotVersion) implements SaveResult {}

    /** Someone else changed the document first: nothing was written. */
    record VersionConflict(long currentVersion) implements SaveResult {}

    record NotFound() implements SaveResult {}

    record AlreadyExists() implements SaveResult {}
}
