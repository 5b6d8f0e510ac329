package dev.portcullis.demo;

import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import org.keycloak.admin.client.Keycloak;

/**
 * The realm whose tokens the control plane accepts ({@code portcullis}): its roles, the client
 * Keycloak nodes use to pull snapshots and ship sign-ins, an automation client, a command-line
 * client, and an administrator and a reader. It is kept apart from the realms Portcullis protects,
 * and its logins go through Conditional Access like theirs: Portcullis' browser and password-grant
 * flows are bound here too, and the seed requires MFA of its administrators.
 *
 * <p>Every client that calls the control plane puts {@link #AUDIENCE} in its tokens; the command line
 * and the console also carry Portcullis' {@code amr} claim, which the control plane reads before any change.
 */
public final class ControlPlaneRealm {

    public static final String REALM = "portcullis";
    /** The control plane's audience ({@code mp.jwt.verify.audiences}, {@code PORTCULLIS_TOKEN_AUDIENCE}). */
    public static final String AUDIENCE = "portcullis-control-plane";
    public static final String NODE_CLIENT = "portcullis-node";
    /**
     * People at a terminal: the device authorization grant (RFC 8628) only. They approve it in a
     * browser, through Keycloak's login pages, so Conditional Access decides; no password grant.
     */
    public static final String CLI_CLIENT = "portcullis-cli";
    /**
     * Scripts, CI and the launcher's seed: client credentials with the application role
     * {@code portcullis-automation} (policies, named locations, strengths; like Graph's application
     * permission Policy.ReadWrite.ConditionalAccess) and {@code portcullis-reader}. It cannot do MFA,
     * so its secret is as strong as an administrator's MFA: keep it in a secret store.
     */
    public static final String AUTOMATION_CLIENT = "portcullis-automation";
    /**
     * The admin console in a browser ({@code /console/} of the control plane): the authorization code
     * flow with PKCE, through the realm's browser flow and so Conditional Access, like the command line.
     */
    public static final String CONSOLE_CLIENT = "portcullis-console";
    /**
     * The MDM integration: client credentials with {@code portcullis-device-manager}, which writes
     * the device inventory and nothing else (Graph's Device.ReadWrite.All, not policies).
     */
    public static final String MDM_CLIENT = "portcullis-mdm";
    public static final String ADMIN_USER = "cp.admin";
    public static final String READER_USER = "cp.reader";
    public static final String ADMIN_ROLE = "portcullis-admin";
    /** The service desk: issues temporary access passes (never for an administrator), with MFA. */
    public static final String HELPDESK_USER = "cp.helpdesk";
    public static final String HELPDESK_ROLE = "portcullis-helpdesk";

    private ControlPlaneRealm() {}

    /**
     * Idempotent; the clients' secrets and the users' password are (re)set to the given ones. The
     * console's client redirects to {@code consoleUrl} (the control plane's {@code /console/}).
     */
    public static void provision(Keycloak admin, String nodeSecret, String automationSecret, String mdmSecret,
            String password, String consoleUrl) {
        RealmProvisioner realm = new RealmProvisioner(admin, REALM);
        realm.ensureRealm();
        if (!RealmProvisioner.BROWSER_FLOW.equals(realm.realm().toRepresentation().getBrowserFlow())) {
            // A realm made by an older Portcullis, without Conditional Access on its logins: fail, never run unguarded.
            throw new IllegalStateException("the realm '" + REALM + "' exists without Portcullis' flows (made by an"
                    + " older version): delete it in Keycloak (or delete .portcullis/) and start again");
        }
        realm.ensureServiceClient(NODE_CLIENT, nodeSecret, "portcullis-node");
        realm.ensureAudience(NODE_CLIENT, AUDIENCE);
        realm.ensureServiceClient(AUTOMATION_CLIENT, automationSecret, "portcullis-automation", "portcullis-reader");
        realm.ensureAudience(AUTOMATION_CLIENT, AUDIENCE);
        realm.ensureServiceClient(MDM_CLIENT, mdmSecret, "portcullis-device-manager");
        realm.ensureAudience(MDM_CLIENT, AUDIENCE);
        realm.ensureDeviceClient(CLI_CLIENT, "Portcullis command line");
        realm.ensureAudience(CLI_CLIENT, AUDIENCE);
        realm.ensureAuthenticationMethodsClaim(CLI_CLIENT);
        realm.ensureBrowserClient(CONSOLE_CLIENT, "Portcullis admin console", consoleUrl);
        realm.ensureAudience(CONSOLE_CLIENT, AUDIENCE);
        realm.ensureAuthenticationMethodsClaim(CONSOLE_CLIENT);
        DirectorySeed people = new DirectorySeed(admin, REALM);
        String adminId = people.ensureUser(ADMIN_USER, "Control", "Plane", password);
        realm.ensureRole(adminId, ADMIN_ROLE);
        String readerId = people.ensureUser(READER_USER, "Read", "Only", password);
        realm.ensureRole(readerId, "portcullis-reader");
        String helpdeskId = people.ensureUser(HELPDESK_USER, "Service", "Desk", password);
        realm.ensureRole(helpdeskId, HELPDESK_ROLE);
    }
}
