package dev.portcullis.graphjson;

import dev.portcullis.core.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Errors and warnings of one read, shared by the readers of nested objects, so a client gets the
 * whole list at once. The mode says whether what Portcullis cannot enforce is a warning or an error.
 */
final class ReadProblems {

    final List<ValidationProblem> errors = new ArrayList<>();
    final List<ValidationProblem> warnings = new ArrayList<>();
    final ReadMode mode;
    /** OData annotations met, by name ({@code @odata.type}): reported once, counted, at the end. */
    private final Map<String, Integer> annotations = new TreeMap<>();

    ReadProblems(ReadMode mode) {
        this.mode = mode;
    }

    void error(String path, String message) {
        errors.add(new ValidationProblem(path, message));
    }

    /** Fully enforced, but read differently from how it was written: always a warning. */
    void warning(String path, String message) {
        warnings.add(new ValidationProblem(path, message));
    }

    /** Something Portcullis cannot enforce: a warning, or in strict mode an error. */
    void unenforceable(String path, String message) {
        if (mode == ReadMode.STRICT) {
            errors.add(new ValidationProblem(path, message + " (rejected in strict mode)"));
        } else {
            warnings.add(new ValidationProblem(path, message));
        }
    }

    void annotation(String name) {
        annotations.merge(name.substring(name.indexOf("@odata.")), 1, Integer::sum);
    }

    /**
     * A value read, then checked by a validator whose problems join the read's. A field the reader
     * already complained about is not reported twice.
     */
    <T> T validated(T value, Function<T, List<ValidationProblem>> validator) {
        if (value == null) {
            return null;
        }
        List<String> reported = errors.stream().map(ValidationProblem::path).toList();
        validator.apply(value).stream()
                .filter(p -> reported.stream().noneMatch(seen -> seen.startsWith(p.path()) || p.path().startsWith(seen)))
                .forEach(errors::add);
        return value;
    }

    <T> Parsed<T> result(T value) {
        if (value == null && errors.isEmpty()) {
            error("", "the document could not be read");
        }
        if (!annotations.isEmpty()) {
            int count = annotations.values().stream().mapToInt(Integer::intValue).sum();
            List<String> names = new ArrayList<>();
            annotations.forEach((name, n) -> names.add(name + (n > 1 ? " x" + n : "")));
            warnings.add(new ValidationProblem("", "ignored: " + count + " OData annotation(s) Graph writes for"
                    + " its own clients (" + String.join(", ", names) + ")"));
            annotations.clear();
        }
        return new Parsed<>(errors.isEmpty() ? value : null, errors, warnings);
    }
}
