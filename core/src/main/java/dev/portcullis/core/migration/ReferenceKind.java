package dev.portcullis.core.migration;

/**
 * What an id in an imported policy names, and the key of its section in the import mapping. Users,
 * groups, roles and applications must be found in Keycloak; named locations and authentication
 * strengths among Portcullis' documents.
 */
public enum ReferenceKind {
    USER("users"),
    GROUP("groups"),
    ROLE("roles"),
    /** A Keycloak client: an application a policy targets, or a workload identity. */
    APPLICATION("applications"),
    NAMED_LOCATION("namedLocations"),
    AUTHENTICATION_STRENGTH("authenticationStrengths");

    private final String mappingKey;

    ReferenceKind(String mappingKey) {
        this.mappingKey = mappingKey;
    }

    /** The mapping file's section for this kind, and the word reports use. */
    public String mappingKey() {
        return mappingKey;
    }
}
