package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.policy.GraphNamed;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one JSON object with its field path, collecting every problem instead of stopping at the
 * first, so a client gets the whole list at once. Absent and {@code null} fields read the same.
 */
final class JsonReader {

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    JsonReader(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Errors and warnings of one read, shared by the readers of nested objects. */
    static final class Problems {
        final List<ValidationProblem> errors = new ArrayList<>();
        final List<ValidationProblem> warnings = new ArrayList<>();
        final ReadMode mode;

        Problems(ReadMode mode) {
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

        <T> Parsed<T> result(T value) {
            if (value == null && errors.isEmpty()) {
                error("", "the document could not be read");
            }
            return new Parsed<>(errors.isEmpty() ? value : null, errors, warnings);
        }
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    Problems problems() {
        return problems;
    }

    /** Rejects property names outside the schema: a typo must not silently widen a policy. */
    void onlyKnownFields(Set<String> known) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (!known.contains(name) && !name.startsWith("@odata.")) {
                problems.error(path(name), "unknown property");
            }
        }
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    Optional<JsonReader> object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            problems.error(path(field), "expected an object");
            return Optional.empty();
        }
        return Optional.of(new JsonReader(value, path(field), problems));
    }

    Optional<String> string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.error(path(field), "expected a string");
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    String requiredString(String field) {
        Optional<String> value = string(field);
        if (value.isEmpty() && !has(field)) {
            problems.error(path(field), "required");
        }
        return value.orElse("");
    }

    Optional<Boolean> bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            problems.error(path(field), "expected true or false");
            return Optional.empty();
        }
        return Optional.of(value.booleanValue());
    }

    Optional<Long> integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.error(path(field), "expected a whole number");
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }

    /** An array of strings, in order; absent or null is empty. */
    List<String> strings(String field) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problems.error(path(field), "expected an array of strings");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                problems.error(path(field) + "[" + i + "]", "expected a string");
            } else {
                result.add(item.textValue());
            }
        }
        return result;
    }

    List<JsonReader> objects(String field) {
        JsonNode value = node.get(field);
        List<JsonReader> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problems.error(path(field), "expected an array of objects");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                problems.error(path(field) + "[" + i + "]", "expected an object");
            } else {
                result.add(new JsonReader(item, path(field) + "[" + i + "]", problems));
            }
        }
        return result;
    }

    /** Values of a Graph vocabulary; unknown names are errors naming the allowed ones. */
    <E extends Enum<E> & GraphNamed> Set<E> enums(String field, Class<E> type) {
        Set<E> result = new LinkedHashSet<>();
        List<String> names = strings(field);
        for (int i = 0; i < names.size(); i++) {
            Optional<E> value = GraphNamed.parse(type, names.get(i));
            if (value.isPresent()) {
                result.add(value.get());
            } else {
                problems.error(path(field) + "[" + i + "]", unknownValue(names.get(i), type));
            }
        }
        return result;
    }

    <E extends Enum<E> & GraphNamed> Optional<E> enumValue(String field, Class<E> type) {
        Optional<String> name = string(field);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> value = GraphNamed.parse(type, name.get());
        if (value.isEmpty()) {
            problems.error(path(field), unknownValue(name.get(), type));
        }
        return value;
    }

    static <E extends Enum<E> & GraphNamed> String unknownValue(String name, Class<E> type) {
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.graphName());
        }
        return "unknown value '" + name + "'; allowed: " + String.join(", ", allowed);
    }
}
