package dev.portcullis.adapters.keycloak.admin;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Configures a realm for Portcullis through the Keycloak Admin Client, the way an administrator
 * would in the console: the Conditional Access login flows ({@link LoginFlows}), the required
 * actions ({@link RequiredActions}), the client policy that evaluates token requests
 * ({@link TokenPolicy}), and the clients that call the control plane or sign users in
 * ({@link RealmClients}). Every method is idempotent: what exists is kept. The people of a
 * directory are {@link DirectorySeed}'s.
 *
 * <p>Not part of the provider JAR (Keycloak does not ship the Admin Client): the launcher and the
 * tests use it.
 */
public final class RealmProvisioner {

    public static final String BROWSER_FLOW = "portcullis browser";
    public static final String DIRECT_GRANT_FLOW = "portcullis direct grant";
    public static final String FIRST_BROKER_LOGIN_FLOW = "portcullis first broker login";
    public static final String POST_BROKER_LOGIN_FLOW = "portcullis post broker login";
    public static final String RESET_CREDENTIALS_FLOW = "portcullis reset credentials";
    public static final String REGISTRATION_FLOW = "portcullis registration";
    /** The client profile holding Portcullis' token executor, and the client policy applying it to every client. */
    public static final String CLIENT_PROFILE = "portcullis";
    public static final String CLIENT_POLICY = "portcullis";

    private final Keycloak admin;
    private final String realm;

    public RealmProvisioner(Keycloak admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    public RealmResource realm() {
        return admin.realm(realm);
    }

    /** The realm with Portcullis' flows bound; returns whether it had to be created. */
    public boolean ensureRealm() {
        if (exists()) {
            upgrade(); // realms made by an older version lack some of it
            return false;
        }
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(realm);
        rep.setEnabled(true);
        rep.setSslRequired("none"); // TLS is expected to end at a proxy in front of Keycloak
        rep.setOtpPolicyType("totp");
        rep.setOtpPolicyAlgorithm("HmacSHA1");
        rep.setOtpPolicyDigits(6);
        rep.setOtpPolicyPeriod(30);
        admin.realms().create(rep);
        bindFlows();
        return true;
    }

    /**
     * An existing realm brought under Conditional Access, such as {@code master}, whose admin console
     * and admin-cli are admin portals: Portcullis' flows made and bound where the realm binds others,
     * then what {@link #ensureRealm} gives. Its clients and users are kept.
     */
    public void ensureGoverned() {
        RealmRepresentation bound = realm().toRepresentation();
        if (!BROWSER_FLOW.equals(bound.getBrowserFlow()) || !DIRECT_GRANT_FLOW.equals(bound.getDirectGrantFlow())) {
            bindFlows();
        } else {
            upgrade();
        }
    }

    private void bindFlows() {
        // Portcullis keeps each user's sign-in history in an attribute outside the user profile.
        UPConfig profile = realm().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        realm().users().userProfile().update(profile);
        LoginFlows flows = new LoginFlows(realm());
        flows.browserFlow();
        flows.directGrantFlow();
        RealmRepresentation bind = realm().toRepresentation();
        bind.setBrowserFlow(BROWSER_FLOW);
        bind.setDirectGrantFlow(DIRECT_GRANT_FLOW);
        realm().update(bind);
        upgrade();
    }

    /** What a new realm gets after its browser and password-grant flows, and an existing one on every start. */
    private void upgrade() {
        RequiredActions actions = new RequiredActions(realm().flows());
        LoginFlows flows = new LoginFlows(realm());
        actions.pushEnrolment();
        actions.recoveryCodes();
        flows.laterMethodsInStepUp();
        actions.conditionalAccessCheck();
        flows.sideFlows();
        flows.brokerFlows();
        ensureTokenPolicy();
    }

    /** A realm without Portcullis' flows (stock Keycloak, the benchmark's baseline); returns whether it was created. */
    public boolean ensurePlainRealm() {
        if (exists()) {
            return false;
        }
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(realm);
        rep.setEnabled(true);
        rep.setSslRequired("none"); // TLS is expected to end at a proxy in front of Keycloak
        admin.realms().create(rep);
        return true;
    }

    private boolean exists() {
        return admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(realm));
    }

    /** See {@link LoginFlows#brokerFlows}. Run it again after adding an identity provider. */
    public void ensureBrokerFlows() {
        new LoginFlows(realm()).brokerFlows();
    }

    /** See {@link TokenPolicy}. */
    public void ensureTokenPolicy() {
        new TokenPolicy(realm()).ensure();
    }

    /**
     * A confidential client that acts as itself (client credentials), holding these roles: a realm
     * role by its name, a client role as {@code client/role}. The secret is set every time, so
     * rotating it is running this again.
     */
    public void ensureServiceClient(String clientId, String secret, String... roles) {
        new RealmClients(realm()).serviceClient(clientId, secret, roles);
    }

    /** A confidential web client, or with {@code passwordGrant} a public client that uses the password grant. */
    public void ensureClient(String clientId, String name, boolean passwordGrant, String redirectUri) {
        new RealmClients(realm()).client(clientId, name, passwordGrant, redirectUri);
    }

    /**
     * A public client that signs users in with the device authorization grant (RFC 8628) only: the
     * user approves it in a browser, through the realm's browser flow and so Conditional Access. No
     * password grant and no redirect flow; an existing client is brought to exactly that.
     */
    public void ensureDeviceClient(String clientId, String name) {
        new RealmClients(realm()).deviceClient(clientId, name);
    }

    /**
     * A public client for a single-page application in a browser: the authorization code flow with
     * PKCE (S256) only, at this one redirect URI, whose origin may call the token endpoint and which
     * logout may return to. No password grant, no implicit flow; an existing client is brought to exactly that.
     */
    public void ensureBrowserClient(String clientId, String name, String redirectUri) {
        new RealmClients(realm()).browserClient(clientId, name, redirectUri);
    }

    /**
     * The client, which must exist, also offers the device authorization grant (RFC 8628): a command
     * line signs in through the browser flow, and so Conditional Access, and never sees the password.
     */
    public void ensureDeviceGrant(String clientId) {
        new RealmClients(realm()).deviceGrant(clientId);
    }

    /** See {@link RealmClients#audience}. */
    public void ensureAudience(String clientId, String audience) {
        new RealmClients(realm()).audience(clientId, audience);
    }

    /** See {@link RealmClients#authenticationMethodsClaim}. */
    public void ensureAuthenticationMethodsClaim(String clientId) {
        new RealmClients(realm()).authenticationMethodsClaim(clientId);
    }

    /**
     * Grants a realm role (made if the realm lacks it), or a client's role written {@code client/role},
     * such as {@code realm-management/realm-admin} for the realm's admin console.
     */
    public void ensureRole(String userId, String role) {
        new RealmClients(realm()).role(userId, role);
    }

    /** The id Keycloak gave what it created, from the {@code Location} of its 201. */
    static String createdId(Response response) {
        if (response.getStatus() != 201) {
            throw new IllegalStateException("Keycloak refused: " + response.getStatus() + " " + response.readEntity(String.class));
        }
        String path = response.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
