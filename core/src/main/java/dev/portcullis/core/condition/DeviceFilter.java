package dev.portcullis.core.condition;

import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
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
            DeviceFilterParser parser = new DeviceFilterParser(rule);
            DeviceFilter filter = parser.expression();
            parser.expectEnd();
            return new Parsed.Ok(filter);
        } catch (IllegalArgumentException e) {
            return new Parsed.Invalid(e.getMessage());
        }
    }
}
