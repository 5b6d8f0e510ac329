package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.GraphNamed;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.ArrayList;
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
        /** OData annotations met, by name ({@code @odata.type}): reported once, counted, at the end. */
        private final Map<String, Integer> annotations = new java.util.TreeMap<>();

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

        void annotation(String name) {
            annotations.merge(name.substring(name.indexOf("@odata.")), 1, Integer::sum);
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

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    Problems problems() {
        return problems;
    }

    /**
     * Rejects property names outside the schema: a typo must not silently widen a policy. What Graph
     * writes beside the schema is ignored and said: OData annotations ({@code @odata.type},
     * {@code includeUsers@odata.type}), action links ({@code #microsoft.graph.restore}), and any other
     * property whose value is null, which configures nothing (Graph adds beta properties often).
     */
    void onlyKnownFields(Set<String> known) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        for (Map.Entry<String, JsonNode> field : fields) {
            String name = field.getKey();
            if (known.contains(name)) {
                continue;
            }
            Optional<String> spelled = known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst();
            if (spelled.isPresent() && !node.has(spelled.get()) && node instanceof ObjectNode object) {
                // Graph reads property names in any case; read it under Graph's spelling.
                object.set(spelled.get(), object.remove(name));
                problems.warning(path(spelled.get()), "written '" + name + "': read as '" + spelled.get() + "'");
                continue;
            }
            if (name.contains("@odata.")) {
                problems.annotation(name);
            } else if (name.startsWith("#")) {
                problems.warning(path(name), "ignored: an action link Graph writes in exports, not part of the document");
            } else if (field.getValue().isNull()) {
                problems.warning(path(name), "ignored: not a property Portcullis reads, and null (not configured)");
            } else {
                problems.error(path(name), "unknown property");
            }
        }
    }

    /** Read-only properties the service that stores a document sets: ignored on input, and said. */
    void readOnly(String... fields) {
        for (String field : fields) {
            if (has(field)) {
                problems.warning(path(field), "ignored: read-only, set by the service that stores the document");
            }
        }
    }

    /** Whether a field says anything: not absent, null, false, an empty list or object, or {@code isEnabled: false}. */
    boolean configured(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isBoolean() && !value.booleanValue())) {
            return false;
        }
        if (value.isContainerNode() && value.isEmpty()) {
            return false;
        }
        if (value.isTextual() && value.textValue().isBlank()) {
            return false;
        }
        return !(value.isObject() && value.path("isEnabled").isBoolean() && !value.path("isEnabled").booleanValue());
    }

    /** The names of the fields of this object, in order. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
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
        if (value.isArray() && value.isEmpty()) {
            // Some exporters write [] for an object they have nothing for: as null, it configures nothing.
            problems.warning(path(field), "an empty list where Graph has an object: read as not configured");
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

    /**
     * A Graph flags value: one string of comma-separated names ({@code "deviceCodeFlow,authenticationTransfer"}),
     * as Graph writes them; an array of names is read the same. Absent or null is empty.
     */
    List<String> flags(String field) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isArray()) {
            return strings(field);
        }
        if (!value.isTextual()) {
            problems.error(path(field), "expected a comma-separated string of names");
            return result;
        }
        for (String part : value.textValue().split(",")) {
            if (!part.isBlank()) {
                result.add(part.trim());
            }
        }
        return result;
    }

    /** A flags value of a Graph vocabulary; unknown names are errors naming the allowed ones. */
    <E extends Enum<E> & GraphNamed> Set<E> enumFlags(String field, Class<E> type) {
        Set<E> result = new LinkedHashSet<>();
        for (String name : flags(field)) {
            Optional<E> value = GraphNamed.parse(type, name);
            if (value.isPresent()) {
                result.add(value.get());
            } else {
                problems.error(path(field), unknownValue(name, type));
            }
        }
        return result;
    }

    /** The field as Graph wrote it, without OData annotations and action links: kept to be written back. */
    String rawWithoutAnnotations(String field) {
        return strip(node.get(field)).toString();
    }

    private static JsonNode strip(JsonNode value) {
        if (value == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (value.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode();
            value.fields().forEachRemaining(e -> {
                if (!e.getKey().contains("@odata.") && !e.getKey().startsWith("#")) {
                    copy.set(e.getKey(), strip(e.getValue()));
                }
            });
            return copy;
        }
        if (value.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.arrayNode();
            value.forEach(item -> copy.add(strip(item)));
            return copy;
        }
        return value;
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
