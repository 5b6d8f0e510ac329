package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.LegacyAuthenticationAuthenticatorFactory;
import java.util.Map;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Every flow that ends in a signed-in user runs Conditional Access: the browser flow, the
 * password-grant flow, "forgot password", self-registration and brokered logins. Each is made once
 * and bound to the realm; what exists is kept.
 */
final class LoginFlows {

    static final String BROWSER_PREFIX = "portcullis";
    private static final String FIRST_FACTOR = "portcullis first factor";
    private static final String FORMS = "portcullis forms";
    /** The browser flow's first factor: a session cookie, or else the username and password form. */
    private static final Map<String, String> FIRST_FACTOR_REQUIREMENTS = Map.of(FIRST_FACTOR, "REQUIRED",
            "auth-cookie", "ALTERNATIVE", FORMS, "ALTERNATIVE", "auth-username-password-form", "REQUIRED");

    private final RealmResource realm;
    private final FlowEditor flows;

    LoginFlows(RealmResource realm) {
        this.realm = realm;
        this.flows = new FlowEditor(realm.flows());
    }

    void browserFlow() {
        flows.create(RealmProvisioner.BROWSER_FLOW);
        flows.subFlow(RealmProvisioner.BROWSER_FLOW, FIRST_FACTOR);
        flows.execution(FIRST_FACTOR, "auth-cookie");
        flows.subFlow(FIRST_FACTOR, FORMS);
        flows.execution(FORMS, "auth-username-password-form");
        new ConditionalAccessSteps(flows, RealmProvisioner.BROWSER_FLOW, BROWSER_PREFIX).append();
        for (AuthenticationExecutionInfoRepresentation e : flows.executions(RealmProvisioner.BROWSER_FLOW)) {
            String requirement = FIRST_FACTOR_REQUIREMENTS.getOrDefault(String.valueOf(e.getProviderId()),
                    FIRST_FACTOR_REQUIREMENTS.get(String.valueOf(e.getDisplayName())));
            if (requirement != null) {
                flows.require(RealmProvisioner.BROWSER_FLOW, e, requirement);
            }
        }
    }

    void directGrantFlow() {
        String flow = RealmProvisioner.DIRECT_GRANT_FLOW;
        flows.create(flow);
        flows.execution(flow, "direct-grant-validate-username");
        flows.execution(flow, "direct-grant-validate-password");
        flows.execution(flow, LegacyAuthenticationAuthenticatorFactory.PROVIDER_ID);
        for (AuthenticationExecutionInfoRepresentation e : flows.executions(flow)) {
            flows.require(flow, e, "REQUIRED");
        }
    }

    /** Recovery codes and the temporary access pass in the browser flow's MFA step-up, for realms made before them. */
    void laterMethodsInStepUp() {
        new ConditionalAccessSteps(flows, RealmProvisioner.BROWSER_FLOW, BROWSER_PREFIX).addLaterMethods();
    }

    /**
     * "Forgot password" and self-registration end in a signed-in user, so each ends in the
     * Conditional Access step too: copies of Keycloak's own flows with the step last, bound to the
     * realm. Without it a blocked user could reset a password, or register, into a session.
     */
    void sideFlows() {
        RealmRepresentation bind = realm.toRepresentation();
        boolean changed = false;
        for (String[] side : new String[][] {{"reset credentials", RealmProvisioner.RESET_CREDENTIALS_FLOW},
                {"registration", RealmProvisioner.REGISTRATION_FLOW}}) {
            if (!flows.exists(side[1])) {
                flows.copy(side[0], side[1]);
                flows.execution(side[1], ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
                flows.executions(side[1]).stream()
                        .filter(e -> ConditionalAccessAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId()))
                        .forEach(e -> flows.require(side[1], e, "REQUIRED"));
            }
        }
        if (!RealmProvisioner.RESET_CREDENTIALS_FLOW.equals(bind.getResetCredentialsFlow())) {
            bind.setResetCredentialsFlow(RealmProvisioner.RESET_CREDENTIALS_FLOW);
            changed = true;
        }
        if (!RealmProvisioner.REGISTRATION_FLOW.equals(bind.getRegistrationFlow())) {
            bind.setRegistrationFlow(RealmProvisioner.REGISTRATION_FLOW);
            changed = true;
        }
        if (changed) {
            realm.update(bind);
        }
    }

    /**
     * Brokered logins: the realm's first-broker-login flow is a copy of Keycloak's with the
     * Portcullis steps after it, and every identity provider whose first or post login flow does not
     * run the step gets Portcullis' (a post-login flow runs on every brokered login, the first-login
     * flow only when the account is linked).
     */
    void brokerFlows() {
        String first = RealmProvisioner.FIRST_BROKER_LOGIN_FLOW;
        String post = RealmProvisioner.POST_BROKER_LOGIN_FLOW;
        if (!flows.exists(first)) {
            flows.copy("first broker login", first);
            new ConditionalAccessSteps(flows, first, first).append();
        }
        if (!flows.exists(post)) {
            flows.create(post);
            new ConditionalAccessSteps(flows, post, post).append();
        }
        RealmRepresentation rep = realm.toRepresentation();
        if (!first.equals(rep.getFirstBrokerLoginFlow())) {
            rep.setFirstBrokerLoginFlow(first);
            realm.update(rep);
        }
        for (IdentityProviderRepresentation provider : realm.identityProviders().findAll()) {
            boolean firstRuns = ConditionalAccessSteps.runIn(flows, provider.getFirstBrokerLoginFlowAlias());
            boolean postRuns = ConditionalAccessSteps.runIn(flows, provider.getPostBrokerLoginFlowAlias());
            if (!firstRuns || !postRuns) {
                provider.setFirstBrokerLoginFlowAlias(firstRuns ? provider.getFirstBrokerLoginFlowAlias() : first);
                provider.setPostBrokerLoginFlowAlias(postRuns ? provider.getPostBrokerLoginFlowAlias() : post);
                realm.identityProviders().get(provider.getAlias()).update(provider);
            }
        }
    }
}
