package dev.portcullis.core.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * A document with the version a writer must name to change it.
 *
 * @param version empty for a built-in document (Graph's built-in strengths), which never changes
 */
public record Versioned<T>(String id, T value, Optional<Long> version) {

    public Versioned {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
    }
}
