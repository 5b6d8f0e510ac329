package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.policy.GraphNamed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Reading the values of Graph's vocabularies ({@code clientAppTypes}, {@code riskLevel}, flags such
 * as {@code transferMethods}) into core's {@link GraphNamed} enums, in any case, as Graph reads them.
 * An unknown name is an error naming the allowed ones. Mixed into {@link JsonReader}.
 */
interface VocabularyReader {

    String path(String field);

    ReadProblems problems();

    JsonNode raw(String field);

    Optional<String> string(String field);

    List<String> strings(String field);

    default <E extends Enum<E> & GraphNamed> Optional<E> enumValue(String field, Class<E> type) {
        Optional<String> name = string(field);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> value = GraphNamed.parse(type, name.get());
        if (value.isEmpty()) {
            problems().error(path(field), unknownValue(name.get(), type));
        }
        return value;
    }

    /** An array of names; each unknown one is an error at its index. */
    default <E extends Enum<E> & GraphNamed> Set<E> enums(String field, Class<E> type) {
        return parse(strings(field), type, i -> path(field) + "[" + i + "]");
    }

    /** A flags value of names; an unknown one is an error at the field. */
    default <E extends Enum<E> & GraphNamed> Set<E> enumFlags(String field, Class<E> type) {
        return parse(flags(field), type, i -> path(field));
    }

    /**
     * A Graph flags value: one string of comma-separated names ({@code "deviceCodeFlow,authenticationTransfer"}),
     * as Graph writes them; an array of names is read the same. Absent or null is empty.
     */
    default List<String> flags(String field) {
        JsonNode value = raw(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isArray()) {
            return strings(field);
        }
        if (!value.isTextual()) {
            problems().error(path(field), "expected a comma-separated string of names");
            return result;
        }
        for (String part : value.textValue().split(",")) {
            if (!part.isBlank()) {
                result.add(part.trim());
            }
        }
        return result;
    }

    private <E extends Enum<E> & GraphNamed> Set<E> parse(List<String> names, Class<E> type, IntFunction<String> pathOf) {
        Set<E> result = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<E> value = GraphNamed.parse(type, names.get(i));
            if (value.isPresent()) {
                result.add(value.get());
            } else {
                problems().error(pathOf.apply(i), unknownValue(names.get(i), type));
            }
        }
        return result;
    }

    static <E extends Enum<E> & GraphNamed> String unknownValue(String name, Class<E> type) {
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.graphName());
        }
        return "unknown value '" + name + "'; allowed: " + String.join(", ", allowed);
    }
}
