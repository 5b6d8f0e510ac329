package dev.portcullis.adapters.rest.api;

/** The roles a token must carry (in its {@code groups} claim). */
public final class Roles {

    /** Changes policies and locations. */
    public static final String ADMIN = "portcullis-admin";
    /** Reads them. */
    public static final String READER = "portcullis-reader";
    /** A Keycloak node: pulls the snapshot and posts sign-in records, nothing else. */
    public static final String NODE = "portcullis-node";
    /** An MDM integration: reports devices (owner, platform, compliance), nothing else. */
    public static final String DEVICE_MANAGER = "portcullis-device-manager";

    private Roles() {}
}
