package dev.portcullis.core.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored document (a policy, a named location, ...) as written: its Graph JSON, and the version
 * that concurrent writers must name to change it.
 */
public record StoredDocument(DocumentKind kind, String id, String displayName, String json, long version,
        Instant modifiedAt) {

    public StoredDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }

    /** The HTTP entity tag of this version. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
