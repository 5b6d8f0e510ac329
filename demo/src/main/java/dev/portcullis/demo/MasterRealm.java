package dev.portcullis.demo;

import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * Keycloak's own {@code master} realm, whose admin console ({@code security-admin-console}) and
 * {@code admin-cli} are admin portals: its logins run Conditional Access like any other realm's, so
 * "Require MFA for admin portals" asks Keycloak's administrators for MFA, and admin-cli's password
 * grant is legacy authentication. The command line signs in with the device authorization grant
 * instead, through the browser flow.
 *
 * <p>Tools that only automate (the launcher, {@code enrol-device}, the tests) use a service account
 * of master, {@code portcullis-provisioner}, through client credentials: a workload identity, which
 * user policies do not cover, as in Entra. It is also the way back in should a policy lock every
 * person out; its secret lives in {@code secrets.properties}, readable by the owner only.
 */
public final class MasterRealm {

    public static final String REALM = "master";
    public static final String PROVISIONER_CLIENT = "portcullis-provisioner";
    /** Master's administrator role, which the service account holds. */
    public static final String ADMIN_ROLE = "admin";

    private MasterRealm() {}

    /**
     * An Admin Client of the provisioner's service account. On the first start only Keycloak's
     * bootstrap administrator exists, and master is not yet under policy: that administrator's
     * password makes the service account, once.
     */
    static Keycloak admin(String keycloakUrl, Secrets secrets) {
        Keycloak provisioner = provisioner(keycloakUrl, secrets);
        try {
            provisioner.tokenManager().getAccessToken();
            return provisioner;
        } catch (WebApplicationException | ProcessingException notYetMade) {
            provisioner.close();
        }
        try (Keycloak bootstrap = Keycloak.getInstance(keycloakUrl, REALM, DemoStack.KEYCLOAK_ADMIN,
                DemoStack.KEYCLOAK_ADMIN_PASSWORD, "admin-cli")) {
            new RealmProvisioner(bootstrap, REALM).ensureServiceClient(PROVISIONER_CLIENT, secrets.provisioner(), ADMIN_ROLE);
        } catch (WebApplicationException | ProcessingException e) {
            throw new IllegalStateException("cannot reach Keycloak's master realm as " + PROVISIONER_CLIENT
                    + " nor as its bootstrap administrator: if secrets.properties was deleted after the first start,"
                    + " delete the data directory (.portcullis/) and start again", e);
        }
        return provisioner(keycloakUrl, secrets);
    }

    private static Keycloak provisioner(String keycloakUrl, Secrets secrets) {
        return KeycloakBuilder.builder().serverUrl(keycloakUrl).realm(REALM)
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(PROVISIONER_CLIENT)
                .clientSecret(secrets.provisioner()).build();
    }

    /** Master's logins under Conditional Access, and admin-cli with the device grant; idempotent. */
    static void govern(Keycloak admin) {
        RealmProvisioner realm = new RealmProvisioner(admin, REALM);
        realm.ensureGoverned();
        realm.ensureDeviceGrant("admin-cli");
    }
}
