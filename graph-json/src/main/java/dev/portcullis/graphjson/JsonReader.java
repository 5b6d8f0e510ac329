package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads one JSON object with its field path, collecting every problem in {@link ReadProblems}
 * instead of stopping at the first. Absent and {@code null} fields read the same.
 *
 * @param path where {@code node} stands in the document, empty at its root
 */
record JsonReader(JsonNode node, String path, ReadProblems problems) implements VocabularyReader {

    /** What a document that must be an object and is not is told. */
    static final String AN_OBJECT = "expected a JSON object";

    /**
     * Reads a whole document that must be an object; anything else is one error, {@code expected}.
     */
    static <T> Parsed<T> document(JsonNode json, ReadMode mode, String expected, Function<JsonReader, T> reader) {
        ReadProblems problems = new ReadProblems(mode);
        if (json == null || !json.isObject()) {
            problems.error("", expected);
            return problems.result(null);
        }
        return problems.result(reader.apply(new JsonReader(json, "", problems)));
    }

    @Override
    public String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
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

    @Override
    public JsonNode raw(String field) {
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

    @Override
    public Optional<String> string(String field) {
        return scalar(field, JsonNode::isTextual, "expected a string", JsonNode::textValue);
    }

    String requiredString(String field) {
        Optional<String> value = string(field);
        if (value.isEmpty() && !has(field)) {
            problems.error(path(field), "required");
        }
        return value.orElse("");
    }

    Optional<Boolean> bool(String field) {
        return scalar(field, JsonNode::isBoolean, "expected true or false", JsonNode::booleanValue);
    }

    Optional<Long> integer(String field) {
        return scalar(field, value -> value.isIntegralNumber() && value.canConvertToLong(), "expected a whole number",
                JsonNode::longValue);
    }

    /** A value of one JSON type; absent or null is empty, another type an error saying what was expected. */
    private <T> Optional<T> scalar(String field, Predicate<JsonNode> isType, String expected, Function<JsonNode, T> read) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!isType.test(value)) {
            problems.error(path(field), expected);
            return Optional.empty();
        }
        return Optional.of(read.apply(value));
    }

    /** An array of strings, in order; absent or null is empty. */
    @Override
    public List<String> strings(String field) {
        return array(field, "expected an array of strings", JsonNode::isTextual, "expected a string",
                (item, at) -> item.textValue());
    }

    /** An array of objects, each read with its path ({@code policies[2]}); absent or null is empty. */
    List<JsonReader> objects(String field) {
        return array(field, "expected an array of objects", JsonNode::isObject, "expected an object",
                (item, at) -> new JsonReader(item, at, problems));
    }

    /** Each object of an array read by {@code read}; what it could not read (null) is left out. */
    <T> List<T> each(String field, Function<JsonReader, T> read) {
        return objects(field).stream().map(read).filter(Objects::nonNull).collect(Collectors.toList());
    }

    private <T> List<T> array(String field, String expected, Predicate<JsonNode> isItem, String expectedItem,
            BiFunction<JsonNode, String, T> item) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return new ArrayList<>();
        }
        if (!value.isArray()) {
            problems.error(path(field), expected);
            return new ArrayList<>();
        }
        return items(value, path(field), problems, isItem, expectedItem, item);
    }

    /**
     * Each object of a document that is an array, read in order with its path ({@code [3]}); what
     * could not be read (null) is left out.
     */
    static <T> List<T> eachOf(JsonNode array, ReadProblems problems, Function<JsonReader, T> read) {
        List<T> all = items(array, "", problems, JsonNode::isObject, "expected an object",
                (item, at) -> read.apply(new JsonReader(item, at, problems)));
        all.removeIf(Objects::isNull);
        return all;
    }

    private static <T> List<T> items(JsonNode array, String path, ReadProblems problems, Predicate<JsonNode> isItem,
            String expectedItem, BiFunction<JsonNode, String, T> item) {
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            if (isItem.test(array.get(i))) {
                result.add(item.apply(array.get(i), at));
            } else {
                problems.error(at, expectedItem);
            }
        }
        return result;
    }

    /** A required instant; null after reporting the problem, so the caller reads on and reports every problem. */
    Instant instant(String field) {
        return required(field, IsoInstant::parse, "expected an ISO-8601 instant such as 2026-01-31T08:00:00Z");
    }

    /** A required value written as text, such as a time; null after reporting the problem. */
    <T> T required(String field, Function<String, T> parse, String expected) {
        String text = requiredString(field);
        try {
            return text.isEmpty() ? null : parse.apply(text);
        } catch (DateTimeParseException e) {
            problems.error(path(field), expected);
            return null;
        }
    }

    /** The field as Graph wrote it, without OData annotations and action links: kept to be written back. */
    String rawWithoutAnnotations(String field) {
        return Trees.withoutAnnotations(node.get(field)).toString();
    }
}
