package dev.portcullis.adapters.keycloak.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;

/**
 * What each of these ITs sets up first: a fresh Keycloak with the provider, a stand-in control plane
 * on a free port, and once Keycloak runs the Admin Client and the test realm provisioned as the
 * product does it. Closed in reverse.
 */
final class KeycloakStack implements AutoCloseable {

    final KeycloakServer keycloak;
    final ControlPlaneStandIn controlPlane;
    private Keycloak admin;

    KeycloakStack() throws Exception {
        keycloak = new KeycloakServer();
        keycloak.resetData();
        controlPlane = new ControlPlaneStandIn(KeycloakServer.freePort());
    }

    /** A path beside Keycloak's home: the provider's cache directory, a key or a GeoIP file. */
    Path beside(String name) {
        return keycloak.home().resolveSibling(name);
    }

    /** Starts Keycloak with these provider and server options, then provisions {@code realm}. */
    RealmSetup start(Map<String, String> options, List<String> serverOptions, String realm) throws Exception {
        keycloak.start(options, serverOptions);
        admin = Keycloak.getInstance(keycloak.baseUrl(), "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD,
                "admin-cli");
        RealmSetup setup = new RealmSetup(admin, realm);
        setup.createRealm();
        return setup;
    }

    Keycloak admin() {
        return admin;
    }

    /** A page Keycloak serves itself, as a redirect URI, so the browser lands somewhere real. */
    String selfRedirect(String realm) {
        return keycloak.baseUrl() + "/realms/" + realm + "/.well-known/openid-configuration";
    }

    @Override
    public void close() throws Exception {
        if (admin != null) {
            admin.close();
        }
        controlPlane.stop();
        keycloak.stop();
    }
}
