package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.Stored;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A row of {@code portcullis_document}; {@code version} is JPA's optimistic lock. */
@Entity
@Table(name = "portcullis_document")
public class DocumentEntity extends PanacheEntityBase {

    @EmbeddedId
    public DocumentKey key;

    @Column(name = "display_name", nullable = false, length = 500)
    public String displayName;

    @Column(name = "json", nullable = false, columnDefinition = "TEXT")
    public String json;

    @Version
    @Column(name = "version", nullable = false)
    public long version;

    @Column(name = "modified_at", nullable = false)
    public OffsetDateTime modifiedAt;

    /** JPA counts from 0; documents count from 1, so a document's first version is 1. */
    long documentVersion() {
        return documentVersion(version);
    }

    static long documentVersion(long rowVersion) {
        return rowVersion + 1;
    }

    static long rowVersion(long documentVersion) {
        return documentVersion - 1;
    }

    /** The row as kept: its value is the stored text, which the kind's codec reads. */
    Stored<String> toDocument() {
        return new Stored<>(key.id, displayName, json, documentVersion(), modifiedAt.toInstant());
    }

    static OffsetDateTime at(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
