package dev.portcullis.adapters.rest.api;

/** The roles a token must carry (in its {@code groups} claim). */
public final class Roles {

    /** A person who changes policies and locations; each change needs a token from a sign-in that proved MFA. */
    public static final String ADMIN = "portcullis-admin";
    /**
     * An application (client credentials) that manages policies, named locations and strengths, like
     * Graph's application permission {@code Policy.ReadWrite.ConditionalAccess}: it cannot do MFA, so
     * its changes are admitted on an application token with this role (see {@link RequiresMfa}).
     */
    public static final String AUTOMATION = "portcullis-automation";
    /** Reads them. */
    public static final String READER = "portcullis-reader";
    /** A Keycloak node: pulls the snapshot and posts sign-in records, nothing else. */
    public static final String NODE = "portcullis-node";
    /**
     * A person at the service desk (Entra's Authentication Administrator): issues, reads and revokes
     * users' temporary access passes, with MFA, and changes nothing else.
     */
    public static final String HELPDESK = "portcullis-helpdesk";
    /** An MDM integration: reports devices (owner, platform, compliance), nothing else. */
    public static final String DEVICE_MANAGER = "portcullis-device-manager";

    private Roles() {}
}
