package dev.portcullis.adapters.keycloak.it;

import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.LegacyAuthenticationAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresMfaConditionFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresPhishingResistantConditionFactory;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Configures a realm the way an administrator would, through the Keycloak Admin Client: the
 * Portcullis browser flow (first factor, Conditional Access, the two step-up sub-flows, a final
 * verification), the password-grant flow, clients and users.
 */
final class RealmSetup {

    static final String BROWSER_FLOW = "portcullis browser";
    static final String DIRECT_GRANT_FLOW = "portcullis direct grant";

    private final Keycloak admin;
    private final String realm;

    RealmSetup(Keycloak admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    RealmResource realm() {
        return admin.realm(realm);
    }

    void createRealm() {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(realm);
        rep.setEnabled(true);
        rep.setSslRequired("none"); // TLS ends at the (simulated) proxy; public client addresses arrive over http
        rep.setOtpPolicyType("totp");
        rep.setOtpPolicyAlgorithm("HmacSHA1");
        rep.setOtpPolicyDigits(6);
        rep.setOtpPolicyPeriod(30);
        admin.realms().create(rep);
        // Portcullis keeps each user's sign-in history in an attribute outside the user profile;
        // let administrators (and this test) see and seed it.
        org.keycloak.representations.userprofile.config.UPConfig profile =
                realm().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(
                org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        realm().users().userProfile().update(profile);
        browserFlow();
        directGrantFlow();
        RealmRepresentation bind = realm().toRepresentation();
        bind.setBrowserFlow(BROWSER_FLOW);
        bind.setDirectGrantFlow(DIRECT_GRANT_FLOW);
        realm().update(bind);
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
        execution("portcullis mfa step-up", "auth-otp-form");
        execution("portcullis mfa step-up", "webauthn-authenticator");
        subFlow(BROWSER_FLOW, "portcullis phishing-resistant step-up");
        execution("portcullis phishing-resistant step-up", RequiresPhishingResistantConditionFactory.PROVIDER_ID);
        execution("portcullis phishing-resistant step-up", "webauthn-authenticator");
        execution("portcullis phishing-resistant step-up", "webauthn-authenticator-passwordless");
        execution(BROWSER_FLOW, ConditionalAccessAuthenticatorFactory.PROVIDER_ID);

        for (AuthenticationExecutionInfoRepresentation e : flows.getExecutions(BROWSER_FLOW)) {
            String requirement = switch (e.getDisplayName()) {
                case "Cookie", "portcullis forms" -> "ALTERNATIVE";
                case "portcullis mfa step-up", "portcullis phishing-resistant step-up" -> "CONDITIONAL";
                default -> "REQUIRED";
            };
            if (e.getLevel() == 1 && e.getDisplayName() != null && isStepUpMethod(e)) {
                requirement = "ALTERNATIVE";
            }
            e.setRequirement(requirement);
            flows.updateExecutions(BROWSER_FLOW, e);
        }
    }

    private static boolean isStepUpMethod(AuthenticationExecutionInfoRepresentation e) {
        String provider = e.getProviderId();
        return "auth-otp-form".equals(provider) || "webauthn-authenticator".equals(provider)
                || "webauthn-authenticator-passwordless".equals(provider);
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

    void client(String clientId, boolean directGrant, String redirectUri) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(directGrant);
        client.setSecret(directGrant ? null : clientId + "-secret");
        client.setDirectAccessGrantsEnabled(directGrant);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(redirectUri));
        realm().clients().create(client).close();
    }

    String group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm().groups().add(group)) {
            return id(response);
        }
    }

    /** A user with a password and, if given, a TOTP secret already registered. */
    String user(String username, String password, byte[] totpSecret, String... groupIds) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.test");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Tester");
        List<CredentialRepresentation> credentials = new ArrayList<>();
        CredentialRepresentation pw = new CredentialRepresentation();
        pw.setType(CredentialRepresentation.PASSWORD);
        pw.setValue(password);
        pw.setTemporary(false);
        credentials.add(pw);
        user.setCredentials(credentials);
        String id;
        try (Response response = realm().users().create(user)) {
            id = id(response);
        }
        if (totpSecret != null) {
            // Keycloak's Admin API cannot enrol an authenticator; a partial import of the credential can.
            UserRepresentation withOtp = realm().users().get(id).toRepresentation();
            CredentialRepresentation otp = new CredentialRepresentation();
            otp.setType("otp");
            otp.setUserLabel("it authenticator");
            otp.setSecretData("{\"value\":\"" + new String(totpSecret, StandardCharsets.US_ASCII) + "\"}");
            otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
            withOtp.setCredentials(List.of(otp));
            org.keycloak.representations.idm.PartialImportRepresentation partial =
                    new org.keycloak.representations.idm.PartialImportRepresentation();
            partial.setIfResourceExists("OVERWRITE");
            withOtp.setId(id);
            partial.setUsers(List.of(withOtp));
            realm().partialImport(partial).close();
            id = realm().users().search(username, true).get(0).getId();
            CredentialRepresentation password2 = new CredentialRepresentation();
            password2.setType(CredentialRepresentation.PASSWORD);
            password2.setValue(password);
            password2.setTemporary(false);
            realm().users().get(id).resetPassword(password2);
        }
        for (String groupId : groupIds) {
            realm().users().get(id).joinGroup(groupId);
        }
        return id;
    }

    private static String id(Response response) {
        if (response.getStatus() != 201) {
            throw new IllegalStateException("create failed: " + response.getStatus() + " " + response.readEntity(String.class));
        }
        String path = response.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
