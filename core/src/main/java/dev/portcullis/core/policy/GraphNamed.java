package dev.portcullis.core.policy;

import java.util.Optional;

/**
 * A closed vocabulary value that has a name in Microsoft Graph's conditional access schema.
 * The names are part of the policy language, so they live with the domain; JSON itself does not.
 */
public interface GraphNamed {

    String graphName();

    /**
     * Case-insensitive, as Graph reads enum values ({@code "All"} is {@code all}); an unknown name is
     * empty so callers can report it with a path.
     */
    static <E extends Enum<E> & GraphNamed> Optional<E> parse(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.graphName().equalsIgnoreCase(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
