package dev.portcullis.app.launcher;

import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import org.keycloak.admin.client.Keycloak;

/**
 * The realm whose tokens the control plane accepts ({@code portcullis}): its roles, the client
 * Keycloak nodes use to pull snapshots and ship sign-ins, a command-line client, and an
 * administrator and a reader. It is kept apart from the realms Portcullis protects, so the
 * control plane stays reachable whatever their policies say.
 */
public final class ControlPlaneRealm {

    public static final String REALM = "portcullis";
    public static final String NODE_CLIENT = "portcullis-node";
    /** A public client for scripts and the demo: password grant in this realm only. */
    public static final String CLI_CLIENT = "portcullis-cli";
    public static final String ADMIN_USER = "cp.admin";
    public static final String READER_USER = "cp.reader";

    private ControlPlaneRealm() {}

    /** Idempotent; the node's secret and the users' password are (re)set to the given ones. */
    public static void provision(Keycloak admin, String nodeSecret, String password) {
        RealmProvisioner realm = new RealmProvisioner(admin, REALM);
        realm.ensurePlainRealm();
        realm.ensureServiceClient(NODE_CLIENT, nodeSecret, "portcullis-node");
        realm.ensureClient(CLI_CLIENT, "Portcullis command line", true, "http://localhost/*");
        String adminId = realm.ensureUser(ADMIN_USER, "Control", "Plane", password);
        realm.ensureRealmRole(adminId, "portcullis-admin");
        String readerId = realm.ensureUser(READER_USER, "Read", "Only", password);
        realm.ensureRealmRole(readerId, "portcullis-reader");
    }
}
