package dev.portcullis.core.port.in;

import dev.portcullis.core.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A document as a front end read it from its request: the value when there are no errors, every
 * error with its field path, and warnings for the parts Portcullis accepts but cannot enforce.
 */
public record Checked<T>(Optional<T> value, List<ValidationProblem> errors, List<ValidationProblem> warnings) {

    public Checked {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (errors.isEmpty() == value.isEmpty()) {
            throw new IllegalArgumentException("a document has a value exactly when it has no errors");
        }
    }

    public static <T> Checked<T> valid(T value, List<ValidationProblem> warnings) {
        return new Checked<>(Optional.of(value), List.of(), warnings);
    }

    public static <T> Checked<T> invalid(List<ValidationProblem> errors) {
        return new Checked<>(Optional.empty(), errors, List.of());
    }

    public static <T> Checked<T> invalid(String path, String message) {
        return invalid(List.of(new ValidationProblem(path, message)));
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** These warnings first, then the document's own (a request's JSON, then the policy in it). */
    public Checked<T> after(List<ValidationProblem> earlier) {
        List<ValidationProblem> all = new ArrayList<>(earlier);
        all.addAll(warnings);
        return new Checked<>(value, errors, all);
    }
}
