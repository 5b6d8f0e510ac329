package dev.portcullis.core.condition;

import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed device filter rule in Entra's syntax, for example
 * {@code device.isCompliant -eq True -and device.deviceOwnership -eq "Company"}.
 * Supported: properties {@code deviceId, isCompliant, isManaged, deviceOwnership, trustType,
 * operatingSystem}; operators {@code -eq, -ne, -in, -notIn}; {@code -and}, {@code -or}, parentheses.
 * String comparisons ignore case, as Entra's do.
 */
public sealed interface DeviceFilter {

    boolean matches(DeviceState.Known device);

    record Comparison(String property, String operator, List<String> values) implements DeviceFilter {
        @Override
        public boolean matches(DeviceState.Known device) {
            String actual = switch (property) {
                case "deviceId" -> device.deviceId();
                case "isCompliant" -> device.compliant() ? "true" : "false";
                case "isManaged" -> device.managed() ? "true" : "false";
                case "deviceOwnership" -> device.ownership();
                case "trustType" -> device.trustType();
                case "operatingSystem" -> device.operatingSystem().map(DevicePlatform::graphName).orElse("");
                default -> throw new IllegalStateException("unparsed property " + property);
            };
            boolean any = false;
            for (String value : values) {
                if (value.equalsIgnoreCase(actual == null ? "" : actual)) {
                    any = true;
                    break;
                }
            }
            return operator.equals("-eq") || operator.equals("-in") ? any : !any;
        }
    }

    record AllOf(List<DeviceFilter> parts) implements DeviceFilter {
        @Override
        public boolean matches(DeviceState.Known device) {
            return parts.stream().allMatch(p -> p.matches(device));
        }
    }

    record AnyOf(List<DeviceFilter> parts) implements DeviceFilter {
        @Override
        public boolean matches(DeviceState.Known device) {
            return parts.stream().anyMatch(p -> p.matches(device));
        }
    }

    List<String> PROPERTIES = List.of("deviceId", "isCompliant", "isManaged", "deviceOwnership", "trustType",
            "operatingSystem");

    sealed interface Parsed {
        record Ok(DeviceFilter filter) implements Parsed {}

        record Invalid(String message) implements Parsed {}
    }

    static Parsed parse(String rule) {
        if (rule == null || rule.isBlank()) {
            return new Parsed.Invalid("the device filter rule is empty");
        }
        try {
            Parser parser = new Parser(rule);
            DeviceFilter filter = parser.expression();
            parser.expectEnd();
            return new Parsed.Ok(filter);
        } catch (IllegalArgumentException e) {
            return new Parsed.Invalid(e.getMessage());
        }
    }

    /** Recursive descent over whitespace-separated tokens; quoted strings may hold spaces. */
    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        DeviceFilter expression() {
            List<DeviceFilter> parts = new ArrayList<>(List.of(term()));
            while (peekKeyword("-or")) {
                parts.add(term());
            }
            return parts.size() == 1 ? parts.get(0) : new AnyOf(List.copyOf(parts));
        }

        private DeviceFilter term() {
            List<DeviceFilter> parts = new ArrayList<>(List.of(factor()));
            while (peekKeyword("-and")) {
                parts.add(factor());
            }
            return parts.size() == 1 ? parts.get(0) : new AllOf(List.copyOf(parts));
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
            String property = subject.substring("device.".length());
            if (!PROPERTIES.contains(property)) {
                throw error("unsupported device property '" + property + "'; supported: " + PROPERTIES);
            }
            String operator = word();
            List<String> values;
            switch (operator.toLowerCase(Locale.ROOT)) {
                case "-eq", "-ne" -> values = List.of(value());
                case "-in", "-notin" -> values = list();
                default -> throw error("unsupported operator '" + operator + "'; use -eq, -ne, -in or -notIn");
            }
            String normalized = operator.toLowerCase(Locale.ROOT).equals("-notin") ? "-notIn" : operator.toLowerCase(Locale.ROOT);
            return new Comparison(property, normalized, values);
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
}
