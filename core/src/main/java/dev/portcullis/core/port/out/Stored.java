package dev.portcullis.core.port.out;

import dev.portcullis.core.port.in.Versioned;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored document as its value, with the version concurrent writers must name to change it. How
 * the store encodes it is the store's business.
 */
public record Stored<T>(String id, String displayName, T value, long version, Instant modifiedAt) {

    public Stored {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }

    public Versioned<T> versioned() {
        return new Versioned<>(id, value, Optional.of(version), Optional.of(modifiedAt));
    }
}
