package dev.portcullis.core.migration;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an Entra tenant's references become Keycloak's: an Entra id, display name or placeholder
 * ({@code <EmergencyAccessAccountsGroup>}) to one or more Keycloak ids, per kind. Whatever it does
 * not name is kept as written and reported when it resolves to nothing.
 */
public record ImportMapping(Map<ReferenceKind, Map<String, List<String>>> entries) {

    public static final ImportMapping NONE = new ImportMapping(Map.of());

    public ImportMapping {
        Map<ReferenceKind, Map<String, List<String>>> copy = new EnumMap<>(ReferenceKind.class);
        entries.forEach((kind, map) -> {
            Map<String, List<String>> values = new LinkedHashMap<>();
            map.forEach((from, to) -> values.put(from, List.copyOf(to)));
            copy.put(kind, Collections.unmodifiableMap(values));
        });
        entries = Collections.unmodifiableMap(copy);
    }

    /** The Keycloak ids an Entra reference maps to; empty when the mapping does not name it. */
    public Optional<List<String>> lookup(ReferenceKind kind, String written) {
        return Optional.ofNullable(entries.getOrDefault(kind, Map.of()).get(written));
    }
}
