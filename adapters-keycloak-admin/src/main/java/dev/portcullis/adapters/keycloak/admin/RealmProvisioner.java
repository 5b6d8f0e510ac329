package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessCheckFactory;
import dev.portcullis.adapters.keycloak.authenticator.LegacyAuthenticationAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresMfaConditionFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresPhishingResistantConditionFactory;
import dev.portcullis.adapters.keycloak.tokens.ConditionalAccessExecutorFactory;
import dev.portcullis.adapters.keycloak.token.AuthenticationMethodsMapper;
import dev.portcullis.adapters.keycloak.push.PushAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.push.PushEnrolmentFactory;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.util.JsonSerialization;

/**
 * Configures a realm for Portcullis through the Keycloak Admin Client, the way an administrator
 * would in the console: the Conditional Access browser flow, the password-grant flow, the
 * brokered-login flows, the client policy that evaluates token requests, and the clients that
 * call the control plane or sign users in. Every method is idempotent: what exists is kept. The
 * people of a directory are {@link DirectorySeed}'s.
 *
 * <p>Not part of the provider JAR (Keycloak does not ship the Admin Client): the launcher and the
 * tests use it.
 */
public final class RealmProvisioner {

    /** Keycloak's recovery code form: a backup method in the MFA step-up. */
    static final String RECOVERY_CODE_FORM = "auth-recovery-authn-code-form";

    public static final String BROWSER_FLOW = "portcullis browser";
    public static final String DIRECT_GRANT_FLOW = "portcullis direct grant";
    public static final String FIRST_BROKER_LOGIN_FLOW = "portcullis first broker login";
    public static final String POST_BROKER_LOGIN_FLOW = "portcullis post broker login";
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
        boolean exists = admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(realm));
        if (exists) {
            ensurePushEnrolment(); // realms made by an older version lack these
            ensureRecoveryCodes();
            ensureConditionalAccessCheck();
            ensureSideFlowsEndInConditionalAccess();
            coverEveryWayToTokens();
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
        RealmRepresentation bind = realm().toRepresentation();
        bind.setBrowserFlow(BROWSER_FLOW);
        bind.setDirectGrantFlow(DIRECT_GRANT_FLOW);
        realm().update(bind);
        ensurePushEnrolment();
        ensureRecoveryCodes();
        ensureConditionalAccessCheck();
        ensureSideFlowsEndInConditionalAccess();
        coverEveryWayToTokens();
        return true;
    }

    public static final String RESET_CREDENTIALS_FLOW = "portcullis reset credentials";
    public static final String REGISTRATION_FLOW = "portcullis registration";

    /**
     * "Forgot password" and self-registration end in a signed-in user, so each ends in the
     * Conditional Access step too: copies of Keycloak's own flows with the step last, bound to the
     * realm. Without it a blocked user could reset a password, or register, into a session.
     */
    public void ensureSideFlowsEndInConditionalAccess() {
        AuthenticationManagementResource flows = realm().flows();
        RealmRepresentation bind = realm().toRepresentation();
        boolean changed = false;
        for (String[] side : new String[][] {{"reset credentials", RESET_CREDENTIALS_FLOW}, {"registration", REGISTRATION_FLOW}}) {
            if (flows.getFlows().stream().noneMatch(f -> f.getAlias().equals(side[1]))) {
                flows.copy(side[0], Map.of("newName", side[1])).close();
                execution(side[1], ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
                for (AuthenticationExecutionInfoRepresentation e : flows.getExecutions(side[1])) {
                    if (ConditionalAccessAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId())) {
                        e.setRequirement("REQUIRED");
                        flows.updateExecutions(side[1], e);
                    }
                }
            }
        }
        if (!RESET_CREDENTIALS_FLOW.equals(bind.getResetCredentialsFlow())) {
            bind.setResetCredentialsFlow(RESET_CREDENTIALS_FLOW);
            changed = true;
        }
        if (!REGISTRATION_FLOW.equals(bind.getRegistrationFlow())) {
            bind.setRegistrationFlow(REGISTRATION_FLOW);
            changed = true;
        }
        if (changed) {
            realm().update(bind);
        }
    }

    /** Besides the browser and password-grant flows: brokered logins, and the token requests no flow sees. */
    private void coverEveryWayToTokens() {
        ensureBrokerFlows();
        ensureTokenPolicy();
    }

    /**
     * Brokered logins run Conditional Access: the realm's first-broker-login flow is a copy of
     * Keycloak's with the Portcullis steps after it, and every identity provider whose first or post
     * login flow does not run the step gets Portcullis' (a post-login flow runs on every brokered
     * login, the first-login flow only when the account is linked). Run it again after adding an
     * identity provider.
     */
    public void ensureBrokerFlows() {
        AuthenticationManagementResource flows = realm().flows();
        List<String> existing = flows.getFlows().stream().map(AuthenticationFlowRepresentation::getAlias).toList();
        if (!existing.contains(FIRST_BROKER_LOGIN_FLOW)) {
            flows.copy("first broker login", Map.of("newName", FIRST_BROKER_LOGIN_FLOW)).close();
            conditionalAccessSteps(FIRST_BROKER_LOGIN_FLOW);
        }
        if (!existing.contains(POST_BROKER_LOGIN_FLOW)) {
            flows.createFlow(flow(POST_BROKER_LOGIN_FLOW)).close();
            conditionalAccessSteps(POST_BROKER_LOGIN_FLOW);
        }
        RealmRepresentation rep = realm().toRepresentation();
        if (!FIRST_BROKER_LOGIN_FLOW.equals(rep.getFirstBrokerLoginFlow())) {
            rep.setFirstBrokerLoginFlow(FIRST_BROKER_LOGIN_FLOW);
            realm().update(rep);
        }
        for (IdentityProviderRepresentation provider : realm().identityProviders().findAll()) {
            boolean first = runsConditionalAccess(provider.getFirstBrokerLoginFlowAlias());
            boolean post = runsConditionalAccess(provider.getPostBrokerLoginFlowAlias());
            if (!first || !post) {
                provider.setFirstBrokerLoginFlowAlias(first ? provider.getFirstBrokerLoginFlowAlias() : FIRST_BROKER_LOGIN_FLOW);
                provider.setPostBrokerLoginFlowAlias(post ? provider.getPostBrokerLoginFlowAlias() : POST_BROKER_LOGIN_FLOW);
                realm().identityProviders().get(provider.getAlias()).update(provider);
            }
        }
    }

    private boolean runsConditionalAccess(String flowAlias) {
        return flowAlias != null && !flowAlias.isBlank() && realm().flows().getExecutions(flowAlias).stream()
                .anyMatch(e -> e.getLevel() == 0 && "REQUIRED".equals(e.getRequirement())
                        && ConditionalAccessAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId()));
    }

    /** Appends what the browser flow has after its first factor: evaluate, the two step-ups, verify. */
    private void conditionalAccessSteps(String flow) {
        String mfa = flow + " mfa step-up";
        String phishingResistant = flow + " phishing-resistant step-up";
        execution(flow, ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
        subFlow(flow, mfa);
        execution(mfa, RequiresMfaConditionFactory.PROVIDER_ID);
        execution(mfa, PushAuthenticatorFactory.PROVIDER_ID);
        execution(mfa, "auth-otp-form");
        execution(mfa, "webauthn-authenticator");
        execution(mfa, RECOVERY_CODE_FORM);
        subFlow(flow, phishingResistant);
        execution(phishingResistant, RequiresPhishingResistantConditionFactory.PROVIDER_ID);
        execution(phishingResistant, "webauthn-authenticator");
        execution(phishingResistant, "webauthn-authenticator-passwordless");
        execution(flow, ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
        // Only what was just added: a copied flow keeps its own requirements.
        boolean inStepUp = false;
        for (AuthenticationExecutionInfoRepresentation e : realm().flows().getExecutions(flow)) {
            String provider = e.getProviderId() == null ? "" : e.getProviderId();
            if (e.getLevel() == 0) {
                inStepUp = mfa.equals(e.getDisplayName()) || phishingResistant.equals(e.getDisplayName());
                if (!inStepUp && !provider.equals(ConditionalAccessAuthenticatorFactory.PROVIDER_ID)) {
                    continue;
                }
                e.setRequirement(inStepUp ? "CONDITIONAL" : "REQUIRED");
            } else if (inStepUp && e.getLevel() == 1) {
                e.setRequirement(provider.equals(RequiresMfaConditionFactory.PROVIDER_ID)
                        || provider.equals(RequiresPhishingResistantConditionFactory.PROVIDER_ID) ? "REQUIRED" : "ALTERNATIVE");
            } else {
                continue;
            }
            realm().flows().updateExecutions(flow, e);
        }
    }

    /**
     * Portcullis' required action, enabled and last: it checks a login after any action that
     * registers a credential, so it must run after all of them.
     */
    public void ensureConditionalAccessCheck() {
        AuthenticationManagementResource flows = realm().flows();
        String alias = ConditionalAccessCheckFactory.PROVIDER_ID;
        if (flows.getRequiredActions().stream().noneMatch(a -> a.getAlias().equals(alias))) {
            RequiredActionProviderSimpleRepresentation register = new RequiredActionProviderSimpleRepresentation();
            register.setProviderId(alias);
            register.setName("Conditional Access check (Portcullis)");
            flows.registerRequiredAction(register);
        }
        RequiredActionProviderRepresentation check = flows.getRequiredAction(alias);
        int last = flows.getRequiredActions().stream().mapToInt(RequiredActionProviderRepresentation::getPriority)
                .max().orElse(0);
        check.setEnabled(true);
        check.setDefaultAction(false);
        if (check.getPriority() < last) {
            check.setPriority(last + 10);
        }
        flows.updateRequiredAction(alias, check);
    }

    /**
     * Every client of the realm runs Portcullis' client-policy executor: a client profile holding it,
     * and a client policy with the "any client" condition applying the profile. Other profiles and
     * policies are kept.
     */
    public void ensureTokenPolicy() {
        ClientPolicyExecutorRepresentation executor = representation("{\"executor\": \""
                + ConditionalAccessExecutorFactory.PROVIDER_ID + "\", \"configuration\": {}}",
                ClientPolicyExecutorRepresentation.class);
        ClientProfileRepresentation profile = new ClientProfileRepresentation();
        profile.setName(CLIENT_PROFILE);
        profile.setDescription("Conditional Access on token requests that no login flow sees (refresh, token exchange,"
                + " device, CIBA)");
        profile.setExecutors(List.of(executor));
        ClientProfilesRepresentation profiles = realm().clientPoliciesProfilesResource().getProfiles(false);
        List<ClientProfileRepresentation> keptProfiles = new ArrayList<>(profiles.getProfiles() == null ? List.of()
                : profiles.getProfiles().stream().filter(p -> !CLIENT_PROFILE.equals(p.getName())).toList());
        keptProfiles.add(profile);
        profiles.setProfiles(keptProfiles);
        profiles.setGlobalProfiles(null);
        realm().clientPoliciesProfilesResource().updateProfiles(profiles);

        ClientPolicyConditionRepresentation anyClient = representation(
                "{\"condition\": \"any-client\", \"configuration\": {}}", ClientPolicyConditionRepresentation.class);
        ClientPolicyRepresentation policy = new ClientPolicyRepresentation();
        policy.setName(CLIENT_POLICY);
        policy.setDescription("Every client: Portcullis Conditional Access on token requests");
        policy.setEnabled(true);
        policy.setConditions(List.of(anyClient));
        policy.setProfiles(List.of(CLIENT_PROFILE));
        ClientPoliciesRepresentation policies = realm().clientPoliciesPoliciesResource().getPolicies(false);
        List<ClientPolicyRepresentation> keptPolicies = new ArrayList<>(policies.getPolicies() == null ? List.of()
                : policies.getPolicies().stream().filter(p -> !CLIENT_POLICY.equals(p.getName())).toList());
        keptPolicies.add(policy);
        policies.setPolicies(keptPolicies);
        policies.setGlobalPolicies(null);
        realm().clientPoliciesPoliciesResource().updatePolicies(policies);
    }

    /** Keycloak's own representation from its JSON: an empty configuration must be {@code {}}, Keycloak refuses none. */
    private static <T> T representation(String json, Class<T> type) {
        try {
            return JsonSerialization.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A realm without Portcullis' flows (stock Keycloak, the benchmark's baseline); returns whether it was created. */
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
        execution("portcullis mfa step-up", RECOVERY_CODE_FORM);
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

    /**
     * Keycloak's recovery codes as a backup second factor: users set them up (the required action
     * is enabled) and the MFA step-up accepts one. Realms made before this get both added.
     */
    public void ensureRecoveryCodes() {
        var flows = realm().flows();
        String action = "CONFIGURE_RECOVERY_AUTHN_CODES";
        if (flows.getRequiredActions().stream().noneMatch(a -> a.getAlias().equals(action))) {
            flows.getUnregisteredRequiredActions().stream().filter(a -> a.getProviderId().equals(action)).findFirst()
                    .ifPresent(flows::registerRequiredAction);
        }
        RequiredActionProviderRepresentation registered = flows.getRequiredAction(action);
        if (registered != null && !registered.isEnabled()) {
            registered.setEnabled(true);
            flows.updateRequiredAction(action, registered);
        }
        boolean inStepUp = flows.getExecutions(BROWSER_FLOW).stream()
                .anyMatch(e -> e.getLevel() == 1 && RECOVERY_CODE_FORM.equals(e.getProviderId()));
        if (!inStepUp && flows.getExecutions(BROWSER_FLOW).stream()
                .anyMatch(e -> "portcullis mfa step-up".equals(e.getDisplayName()))) {
            execution("portcullis mfa step-up", RECOVERY_CODE_FORM);
            flows.getExecutions(BROWSER_FLOW).stream().filter(e -> RECOVERY_CODE_FORM.equals(e.getProviderId()))
                    .forEach(e -> {
                        e.setRequirement("ALTERNATIVE");
                        flows.updateExecutions(BROWSER_FLOW, e);
                    });
        }
    }

    /** Push enrolment is the provider's own required action: a realm lists it once it is registered. */
    public void ensurePushEnrolment() {
        if (realm().flows().getRequiredActions().stream().anyMatch(a -> a.getAlias().equals(PushEnrolmentFactory.PROVIDER_ID))) {
            return;
        }
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
                PushAuthenticatorFactory.PROVIDER_ID, RECOVERY_CODE_FORM).contains(provider)) {
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

    /**
     * A public client that signs users in with the device authorization grant (RFC 8628) only: the
     * user approves it in a browser, through the realm's browser flow and so Conditional Access. No
     * password grant and no redirect flow; an existing client is brought to exactly that.
     */
    public void ensureDeviceClient(String clientId, String name) {
        ClientRepresentation client = realm().clients().findByClientId(clientId).stream().findFirst()
                .orElseGet(ClientRepresentation::new);
        client.setClientId(clientId);
        client.setName(name);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setRedirectUris(List.of());
        Map<String, String> attributes = client.getAttributes() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(client.getAttributes());
        attributes.put("oauth2.device.authorization.grant.enabled", "true");
        client.setAttributes(attributes);
        if (client.getId() == null) {
            realm().clients().create(client).close();
        } else {
            realm().clients().get(client.getId()).update(client);
        }
    }

    /** The client's tokens carry this audience ({@code aud}), so a resource server can tell they are meant for it. */
    public void ensureAudience(String clientId, String audience) {
        ensureClientMapper(clientId, "audience " + audience, "oidc-audience-mapper",
                Map.of("included.custom.audience", audience, "access.token.claim", "true", "id.token.claim", "false",
                        "introspection.token.claim", "true"));
    }

    /** The client's tokens carry the RFC 8176 {@code amr} claim that Portcullis' mapper writes. */
    public void ensureAuthenticationMethodsClaim(String clientId) {
        ensureClientMapper(clientId, "portcullis amr", AuthenticationMethodsMapper.PROVIDER_ID,
                Map.of("access.token.claim", "true", "id.token.claim", "true", "introspection.token.claim", "true"));
    }

    private void ensureClientMapper(String clientId, String name, String mapperType, Map<String, String> config) {
        String id = realm().clients().findByClientId(clientId).get(0).getId();
        ProtocolMappersResource mappers = realm().clients().get(id).getProtocolMappers();
        if (mappers.getMappers().stream().anyMatch(m -> m.getName().equals(name))) {
            return;
        }
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(mapperType);
        mapper.setConfig(config);
        mappers.createMapper(mapper).close();
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

    static String createdId(Response response) {
        if (response.getStatus() != 201) {
            throw new IllegalStateException("Keycloak refused: " + response.getStatus() + " " + response.readEntity(String.class));
        }
        String path = response.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
