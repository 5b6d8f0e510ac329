package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.LegacyAuthenticationAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresMfaConditionFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresPhishingResistantConditionFactory;
import dev.portcullis.adapters.keycloak.push.PushAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.push.PushEnrolmentFactory;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Configures a realm for Portcullis through the Keycloak Admin Client, the way an administrator
 * would in the console: the Conditional Access browser flow, the password-grant flow, and the
 * clients, groups and users of a directory. Every method is idempotent: what exists is kept.
 *
 * <p>Not part of the provider JAR (Keycloak does not ship the Admin Client): the control plane and
 * the tests use it.
 */
public final class RealmProvisioner {

    public static final String BROWSER_FLOW = "portcullis browser";
    public static final String DIRECT_GRANT_FLOW = "portcullis direct grant";

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
        boolean exists = admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(realm));
        if (exists) {
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
        // Portcullis keeps each user's sign-in history in an attribute outside the user profile.
        UPConfig profile = realm().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        realm().users().userProfile().update(profile);
        browserFlow();
        directGrantFlow();
        pushEnrolment();
        RealmRepresentation bind = realm().toRepresentation();
        bind.setBrowserFlow(BROWSER_FLOW);
        bind.setDirectGrantFlow(DIRECT_GRANT_FLOW);
        realm().update(bind);
        return true;
    }

    /** A realm without Portcullis' flows (the one that administers the control plane); returns whether it was created. */
    public boolean ensurePlainRealm() {
        if (admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(realm))) {
            return false;
        }
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(realm);
        rep.setEnabled(true);
        rep.setSslRequired("none"); // TLS is expected to end at a proxy in front of Keycloak
        admin.realms().create(rep);
        return true;
    }

    /**
     * A confidential client that acts as itself (client credentials), holding these roles: a realm
     * role by its name, a client role as {@code client/role}. The secret is set every time, so
     * rotating it is running this again.
     */
    public void ensureServiceClient(String clientId, String secret, String... roles) {
        ClientRepresentation client = realm().clients().findByClientId(clientId).stream().findFirst().orElse(null);
        if (client == null) {
            client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setPublicClient(false);
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setSecret(secret);
            try (Response response = realm().clients().create(client)) {
                client.setId(createdId(response));
            }
        } else if (!secret.equals(client.getSecret())) {
            client.setSecret(secret);
            realm().clients().get(client.getId()).update(client);
        }
        String serviceAccount = realm().clients().get(client.getId()).getServiceAccountUser().getId();
        for (String role : roles) {
            int slash = role.indexOf('/');
            if (slash < 0) {
                ensureRealmRole(serviceAccount, role);
            } else {
                String owner = realm().clients().findByClientId(role.substring(0, slash)).get(0).getId();
                realm().users().get(serviceAccount).roles().clientLevel(owner).add(
                        List.of(realm().clients().get(owner).roles().get(role.substring(slash + 1)).toRepresentation()));
            }
        }
    }

    /** Sets a user attribute (e.g. {@code portcullis.breakGlass=true}), keeping the others. */
    public void ensureUserAttribute(String userId, String name, String value) {
        UserRepresentation user = realm().users().get(userId).toRepresentation();
        Map<String, List<String>> attributes = user.getAttributes() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(user.getAttributes());
        if (List.of(value).equals(attributes.get(name))) {
            return;
        }
        attributes.put(name, List.of(value));
        user.setAttributes(attributes);
        realm().users().get(userId).update(user);
    }

    private void browserFlow() {
        AuthenticationManagementResource flows = realm().flows();
        flows.createFlow(flow(BROWSER_FLOW)).close();
        subFlow(BROWSER_FLOW, "portcullis first factor");
        execution("portcullis first factor", "auth-cookie");
        subFlow("portcullis first factor", "portcullis forms");
        execution("portcullis forms", "auth-username-password-form");
        execution(BROWSER_FLOW, ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
        subFlow(BROWSER_FLOW, "portcullis mfa step-up");
        execution("portcullis mfa step-up", RequiresMfaConditionFactory.PROVIDER_ID);
        execution("portcullis mfa step-up", PushAuthenticatorFactory.PROVIDER_ID);
        execution("portcullis mfa step-up", "auth-otp-form");
        execution("portcullis mfa step-up", "webauthn-authenticator");
        subFlow(BROWSER_FLOW, "portcullis phishing-resistant step-up");
        execution("portcullis phishing-resistant step-up", RequiresPhishingResistantConditionFactory.PROVIDER_ID);
        execution("portcullis phishing-resistant step-up", "webauthn-authenticator");
        execution("portcullis phishing-resistant step-up", "webauthn-authenticator-passwordless");
        execution(BROWSER_FLOW, ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
        for (AuthenticationExecutionInfoRepresentation e : flows.getExecutions(BROWSER_FLOW)) {
            e.setRequirement(requirement(e));
            flows.updateExecutions(BROWSER_FLOW, e);
        }
    }

    /** Push enrolment is the provider's own required action: a realm lists it once it is registered. */
    private void pushEnrolment() {
        RequiredActionProviderSimpleRepresentation push = new RequiredActionProviderSimpleRepresentation();
        push.setProviderId(PushEnrolmentFactory.PROVIDER_ID);
        push.setName("Authenticator app (push)");
        realm().flows().registerRequiredAction(push);
    }

    private static String requirement(AuthenticationExecutionInfoRepresentation e) {
        String provider = e.getProviderId() == null ? "" : e.getProviderId();
        String name = e.getDisplayName() == null ? "" : e.getDisplayName();
        if (provider.equals("auth-cookie") || name.equals("portcullis forms")) {
            return "ALTERNATIVE";
        }
        if (name.equals("portcullis mfa step-up") || name.equals("portcullis phishing-resistant step-up")) {
            return "CONDITIONAL";
        }
        if (e.getLevel() == 1 && List.of("auth-otp-form", "webauthn-authenticator", "webauthn-authenticator-passwordless",
                PushAuthenticatorFactory.PROVIDER_ID).contains(provider)) {
            return "ALTERNATIVE";
        }
        return "REQUIRED";
    }

    private void directGrantFlow() {
        AuthenticationManagementResource flows = realm().flows();
        flows.createFlow(flow(DIRECT_GRANT_FLOW)).close();
        execution(DIRECT_GRANT_FLOW, "direct-grant-validate-username");
        execution(DIRECT_GRANT_FLOW, "direct-grant-validate-password");
        execution(DIRECT_GRANT_FLOW, LegacyAuthenticationAuthenticatorFactory.PROVIDER_ID);
        for (AuthenticationExecutionInfoRepresentation e : flows.getExecutions(DIRECT_GRANT_FLOW)) {
            e.setRequirement("REQUIRED");
            flows.updateExecutions(DIRECT_GRANT_FLOW, e);
        }
    }

    private static AuthenticationFlowRepresentation flow(String alias) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        flow.setDescription("Conditional Access with Portcullis");
        return flow;
    }

    private void subFlow(String parent, String alias) {
        realm().flows().addExecutionFlow(parent, Map.of("alias", alias, "type", "basic-flow", "provider",
                "registration-page-form", "description", alias));
    }

    private void execution(String flow, String provider) {
        realm().flows().addExecution(flow, Map.of("provider", provider));
    }

    /** A confidential web client, or with {@code passwordGrant} a public client that uses the password grant. */
    public void ensureClient(String clientId, String name, boolean passwordGrant, String redirectUri) {
        if (!realm().clients().findByClientId(clientId).isEmpty()) {
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(name);
        client.setPublicClient(passwordGrant);
        client.setSecret(passwordGrant ? null : clientId + "-secret");
        client.setDirectAccessGrantsEnabled(passwordGrant);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(redirectUri));
        client.setBaseUrl(redirectUri);
        realm().clients().create(client).close();
    }

    /** The group's id, creating it if needed. */
    public String ensureGroup(String name) {
        Optional<GroupRepresentation> existing = realm().groups().groups(name, true, 0, 10, true).stream()
                .filter(g -> g.getName().equals(name)).findFirst();
        if (existing.isPresent()) {
            return existing.get().getId();
        }
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm().groups().add(group)) {
            return createdId(response);
        }
    }

    /** The user's id, creating the user (with this password) if needed, then joining the groups. */
    public String ensureUser(String username, String firstName, String lastName, String password, String... groupIds) {
        List<UserRepresentation> found = realm().users().search(username, true);
        String id;
        if (!found.isEmpty()) {
            id = found.get(0).getId();
        } else {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(username);
            user.setEnabled(true);
            user.setEmail(username + "@example.test");
            user.setEmailVerified(true);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
            try (Response response = realm().users().create(user)) {
                id = createdId(response);
            }
        }
        for (String groupId : groupIds) {
            realm().users().get(id).joinGroup(groupId);
        }
        return id;
    }

    /** Grants a realm role (e.g. {@code realm-admin} of realm-management is a client role; this is for realm roles). */
    public void ensureRealmRole(String userId, String role) {
        if (realm().roles().list().stream().noneMatch(r -> r.getName().equals(role))) {
            RoleRepresentation rep = new RoleRepresentation();
            rep.setName(role);
            realm().roles().create(rep);
        }
        realm().users().get(userId).roles().realmLevel().add(List.of(realm().roles().get(role).toRepresentation()));
    }

    private static String createdId(Response response) {
        if (response.getStatus() != 201) {
            throw new IllegalStateException("Keycloak refused: " + response.getStatus() + " " + response.readEntity(String.class));
        }
        String path = response.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
