package dev.portcullis.graphjson;

import dev.portcullis.core.validation.ValidationProblem;
import java.util.List;
import java.util.Objects;

/**
 * The result of reading a document: the value when there were no errors, every error with its
 * field path, and warnings for parts Portcullis accepts but cannot enforce.
 */
public record Parsed<T>(T value, List<ValidationProblem> errors, List<ValidationProblem> warnings) {

    public Parsed {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (errors.isEmpty()) {
            Objects.requireNonNull(value, "a document without errors has a value");
        } else {
            value = null;
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The value, for callers that already know the input is valid (tests, our own snapshots). */
    public T orElseThrow() {
        if (!ok()) {
            throw new IllegalArgumentException("invalid document: " + errors);
        }
        return value;
    }
}
