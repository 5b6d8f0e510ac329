package dev.portcullis.core.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A document with the version a writer must name to change it, and when it last changed.
 *
 * @param version empty for a built-in document (Graph's built-in strengths), which never changes
 * @param modifiedAt when the stored document was last written (Graph's {@code modifiedDateTime}); empty
 *     for a built-in one
 */
public record Versioned<T>(String id, T value, Optional<Long> version, Optional<Instant> modifiedAt) {

    public Versioned {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }

    /** A document whose time of change is not known or not kept (a built-in one, an alert). */
    public Versioned(String id, T value, Optional<Long> version) {
        this(id, value, version, Optional.empty());
    }
}
