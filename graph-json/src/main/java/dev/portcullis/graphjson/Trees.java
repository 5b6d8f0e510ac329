package dev.portcullis.graphjson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.validation.ValidationProblem;
import java.io.IOException;
import java.util.List;

/**
 * Builds a tree from a parser, refusing a property written twice with two values: two readers could
 * take different ones. A property written twice where one of the two is {@code null} (exports do
 * this: {@code "sessionControls": null} and, later, the controls) means the other, since null
 * configures nothing; it is read so, and said.
 */
final class Trees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Trees() {}

    /** Reads the value at the parser's current token, leaving the parser on its last token. */
    static JsonNode read(JsonParser parser, String path, List<ValidationProblem> warnings) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonLocation at = parser.currentTokenLocation();
                    String fieldPath = path.isEmpty() ? name : path + "." + name;
                    parser.nextToken();
                    JsonNode value = read(parser, fieldPath, warnings);
                    JsonNode earlier = object.get(name);
                    if (earlier == null) {
                        object.set(name, value);
                    } else if (earlier.isNull() || value.isNull()) {
                        warnings.add(new ValidationProblem(fieldPath,
                                "written twice, once as null: read as the other value (null configures nothing)"));
                        object.set(name, earlier.isNull() ? value : earlier);
                    } else {
                        throw new JsonParseException(parser, "'" + name + "' is written twice with different values;"
                                + " send it once", at);
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, path + "[" + i++ + "]", warnings));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "unexpected " + token, parser.currentTokenLocation());
        }
    }

    /** A copy without OData annotations and action links, as a part kept to be written back. */
    static JsonNode withoutAnnotations(JsonNode value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(e -> {
                if (!e.getKey().contains("@odata.") && !e.getKey().startsWith("#")) {
                    copy.set(e.getKey(), withoutAnnotations(e.getValue()));
                }
            });
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> copy.add(withoutAnnotations(item)));
            return copy;
        }
        return value;
    }

}
