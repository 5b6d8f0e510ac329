package dev.portcullis.core.condition;

import static dev.portcullis.core.condition.DeviceFilter.OPERATORS;
import static dev.portcullis.core.condition.DeviceFilter.PROPERTIES;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link DeviceFilter} rule: recursive descent over whitespace-separated tokens; quoted
 * strings may hold spaces.
 */
final class DeviceFilterParser {

    private final String text;
    private int pos;

    DeviceFilterParser(String text) {
        this.text = text;
    }

    DeviceFilter expression() {
        List<DeviceFilter> parts = new ArrayList<>(List.of(term()));
        while (peekKeyword("-or")) {
            parts.add(term());
        }
        return parts.size() == 1 ? parts.get(0) : new DeviceFilter.AnyOf(List.copyOf(parts));
    }

    private DeviceFilter term() {
        List<DeviceFilter> parts = new ArrayList<>(List.of(factor()));
        while (peekKeyword("-and")) {
            parts.add(factor());
        }
        return parts.size() == 1 ? parts.get(0) : new DeviceFilter.AllOf(List.copyOf(parts));
    }

    private DeviceFilter factor() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            DeviceFilter inner = expression();
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw error("')' expected");
            }
            pos++;
            return inner;
        }
        String subject = word();
        if (!subject.startsWith("device.")) {
            throw error("a property such as device.isCompliant expected, found '" + subject + "'");
        }
        String property = canonicalProperty(subject.substring("device.".length()));
        if (property == null) {
            throw error("unsupported device property '" + subject.substring("device.".length())
                    + "'; supported: " + PROPERTIES.keySet());
        }
        String written = word();
        String operator = OPERATORS.stream().filter(o -> o.equalsIgnoreCase(written)).findFirst().orElseThrow(() ->
                error("unsupported operator '" + written + "'; use one of " + OPERATORS));
        if (!PROPERTIES.get(property).contains(operator)) {
            throw error("device." + property + " does not take " + operator + "; it takes "
                    + String.join(", ", PROPERTIES.get(property)));
        }
        List<String> values = operator.equals("-in") || operator.equals("-notIn") ? list() : List.of(value());
        return new DeviceFilter.Comparison(property, operator, values);
    }

    /** Entra reads property names in any case; the physical ids are also written devicePhysicalIds. */
    private static String canonicalProperty(String written) {
        if (written.equalsIgnoreCase("devicePhysicalIds")) {
            return "physicalIds";
        }
        return PROPERTIES.keySet().stream().filter(p -> p.equalsIgnoreCase(written)).findFirst().orElse(null);
    }

    private List<String> list() {
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != '[') {
            throw error("'[' expected");
        }
        pos++;
        List<String> values = new ArrayList<>();
        while (true) {
            values.add(value());
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return List.copyOf(values);
            } else {
                throw error("',' or ']' expected");
            }
        }
    }

    private String value() {
        skipSpaces();
        if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
            char quote = text.charAt(pos);
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }
        String bare = word();
        if (bare.equalsIgnoreCase("true") || bare.equalsIgnoreCase("false")) {
            return bare.toLowerCase(Locale.ROOT);
        }
        throw error("a quoted string, True or False expected, found '" + bare + "'");
    }

    private boolean peekKeyword(String keyword) {
        skipSpaces();
        int save = pos;
        // A delimiter such as ')' is not a keyword (and word() would reject it as an empty word).
        if (pos >= text.length() || "()[],".indexOf(text.charAt(pos)) >= 0) {
            return false;
        }
        String next = word();
        if (next.equalsIgnoreCase(keyword)) {
            return true;
        }
        pos = save;
        return false;
    }

    private String word() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                && "()[],".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (start == pos) {
            throw error("unexpected end of rule");
        }
        return text.substring(start, pos);
    }

    void expectEnd() {
        skipSpaces();
        if (pos != text.length()) {
            throw error("unexpected '" + text.substring(pos) + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("device filter, at character " + (pos + 1) + ": " + message);
    }
}
