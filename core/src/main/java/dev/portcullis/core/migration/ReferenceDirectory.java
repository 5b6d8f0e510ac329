package dev.portcullis.core.migration;

import java.util.List;

/** What an import asks the directory about a reference it could not map. */
public interface ReferenceDirectory {

    /** A Keycloak object a reference could mean: its id as a policy writes it, and its name. */
    record Suggestion(String id, String displayName) {}

    /** Whether the id already names something of that kind in Keycloak (a policy written for Keycloak). */
    boolean exists(ReferenceKind kind, String id);

    /** Keycloak objects named like what the export wrote (a display name, a placeholder, a role's name). */
    List<Suggestion> suggestions(ReferenceKind kind, String written);

    /** Whether a directory answers at all; without one nothing can be found and the report says so. */
    boolean connected();

    ReferenceDirectory NONE = new ReferenceDirectory() {
        @Override
        public boolean exists(ReferenceKind kind, String id) {
            return false;
        }

        @Override
        public List<Suggestion> suggestions(ReferenceKind kind, String written) {
            return List.of();
        }

        @Override
        public boolean connected() {
            return false;
        }
    };

    /**
     * How names are compared for suggestions: letters and digits only, any case, a placeholder's
     * brackets and a trailing "group(s)" or plural "s" dropped, so {@code <EmergencyAccessAccountsGroup>}
     * meets a group named "Emergency access accounts".
     */
    static String normalized(String name) {
        String text = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (text.endsWith("groups")) {
            text = text.substring(0, text.length() - 6);
        } else if (text.endsWith("group")) {
            text = text.substring(0, text.length() - 5);
        }
        return text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
    }
}
