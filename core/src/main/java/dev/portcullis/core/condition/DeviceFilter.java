package dev.portcullis.core.condition;

import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed device filter rule in Entra's syntax, for example
 * {@code device.isCompliant -eq True -and device.deviceOwnership -eq "Company"}: every property and
 * operator of Entra's filter for devices ({@code deviceId}, {@code displayName},
 * {@code deviceOwnership}, {@code enrollmentProfileName}, {@code isCompliant}, {@code manufacturer},
 * {@code mdmAppId}, {@code model}, {@code operatingSystem}, {@code operatingSystemVersion},
 * {@code physicalIds}, {@code profileType}, {@code systemLabels}, {@code trustType},
 * {@code extensionAttribute1..15}, and Portcullis' {@code isManaged}), each with the operators Entra
 * allows for it ({@code -eq, -ne, -in, -notIn, -startsWith, -notStartsWith, -endsWith,
 * -notEndsWith, -contains, -notContains}), joined by {@code -and}, {@code -or} and parentheses.
 * Property names and string comparisons ignore case, as Entra's do. A property the device inventory
 * does not know reads as empty.
 */
public sealed interface DeviceFilter {

    boolean matches(DeviceState.Known device);

    /** @param operator one of {@link #OPERATORS}, in its canonical spelling */
    record Comparison(String property, String operator, List<String> values) implements DeviceFilter {
        @Override
        public boolean matches(DeviceState.Known device) {
            List<String> actual = valuesOf(device, property);
            boolean positive = switch (operator) {
                case "-eq", "-ne", "-in", "-notIn" -> anyEquals(actual, values);
                case "-startsWith", "-notStartsWith" -> any(actual, a -> lower(a).startsWith(lower(values.get(0))));
                case "-endsWith", "-notEndsWith" -> any(actual, a -> lower(a).endsWith(lower(values.get(0))));
                // A collection contains an element; a string contains a substring.
                case "-contains", "-notContains" -> COLLECTIONS.contains(property)
                        ? anyEquals(actual, values)
                        : any(actual, a -> lower(a).contains(lower(values.get(0))));
                default -> throw new IllegalStateException("unparsed operator " + operator);
            };
            return NEGATIVE.contains(operator) != positive;
        }

        private static List<String> valuesOf(DeviceState.Known device, String property) {
            return switch (property) {
                case "deviceId" -> List.of(nullToEmpty(device.deviceId()));
                case "isCompliant" -> List.of(device.compliant() ? "true" : "false");
                case "isManaged" -> List.of(device.managed() ? "true" : "false");
                case "deviceOwnership" -> List.of(nullToEmpty(device.ownership()));
                case "trustType" -> List.of(nullToEmpty(device.trustType()));
                // As the MDM wrote it ("MacMDM") and as the platform it reads as ("macOS"): either matches.
                case "operatingSystem" -> java.util.stream.Stream.concat(
                        device.attributes().getOrDefault("operatingSystem", List.of()).stream(),
                        java.util.stream.Stream.of(device.operatingSystem().map(DevicePlatform::graphName).orElse("")))
                        .distinct().toList();
                default -> {
                    List<String> known = device.attributes().get(property);
                    yield known == null || known.isEmpty() ? (COLLECTIONS.contains(property) ? List.of() : List.of(""))
                            : known;
                }
            };
        }

        private static boolean anyEquals(List<String> actual, List<String> expected) {
            return any(actual, a -> expected.stream().anyMatch(e -> e.equalsIgnoreCase(a)));
        }

        private static boolean any(List<String> actual, java.util.function.Predicate<String> test) {
            for (String a : actual) {
                if (test.test(a)) {
                    return true;
                }
            }
            return false;
        }

        private static String lower(String text) {
            return text.toLowerCase(Locale.ROOT);
        }

        private static String nullToEmpty(String text) {
            return text == null ? "" : text;
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

    List<String> OPERATORS = List.of("-eq", "-ne", "-in", "-notIn", "-startsWith", "-notStartsWith", "-endsWith",
            "-notEndsWith", "-contains", "-notContains");
    Set<String> NEGATIVE = Set.of("-ne", "-notIn", "-notStartsWith", "-notEndsWith", "-notContains");
    /** Multi-valued properties: {@code -contains} asks for an element. */
    Set<String> COLLECTIONS = Set.of("physicalIds", "systemLabels");

    /** Every property, with the operators Entra allows on it. */
    Map<String, List<String>> PROPERTIES = properties();

    private static Map<String, List<String>> properties() {
        List<String> identity = List.of("-eq", "-ne", "-in", "-notIn");
        List<String> text = OPERATORS;
        List<String> contains = List.of("-contains", "-notContains");
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        map.put("deviceId", identity);
        map.put("displayName", text);
        map.put("deviceOwnership", identity);
        map.put("enrollmentProfileName", text);
        map.put("isCompliant", identity);
        map.put("isManaged", identity);
        map.put("manufacturer", text);
        map.put("mdmAppId", identity);
        map.put("model", text);
        map.put("operatingSystem", text);
        map.put("operatingSystemVersion", text);
        map.put("physicalIds", contains);
        map.put("profileType", identity);
        map.put("systemLabels", contains);
        map.put("trustType", identity);
        for (int i = 1; i <= 15; i++) {
            map.put("extensionAttribute" + i, text);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

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
            return new Comparison(property, operator, values);
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
}
