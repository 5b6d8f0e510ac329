package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.GraphNamed;
import java.util.Collection;

/** How the writers put a collection: as a JSON array in the collection's order, empty rather than absent. */
final class JsonArrays {

    private JsonArrays() {}

    static ArrayNode strings(ObjectNode node, String field, Collection<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
        return array;
    }

    /** Values of a Graph vocabulary, by their Graph names. */
    static ArrayNode names(ObjectNode node, String field, Collection<? extends GraphNamed> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(v -> array.add(v.graphName()));
        return array;
    }
}
