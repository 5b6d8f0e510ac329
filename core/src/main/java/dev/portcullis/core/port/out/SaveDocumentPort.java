package dev.portcullis.core.port.out;

/**
 * Writes documents with optimistic concurrency: a writer names the version it read, and a stale
 * write changes nothing. Every successful change raises the snapshot version in the same
 * transaction, so nodes never see a change without a new version.
 */
public interface SaveDocumentPort {

    SaveResult create(DocumentKind kind, String id, String displayName, String json);

    SaveResult replace(DocumentKind kind, String id, long expectedVersion, String displayName, String json);

    SaveResult delete(DocumentKind kind, String id, long expectedVersion);
}
