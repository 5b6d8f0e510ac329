package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.adapters.keycloak.tokens.ConditionalAccessExecutorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Conditional Access on the token requests that no login flow sees (refresh, token exchange,
 * device, CIBA): every client of the realm runs Portcullis' client-policy executor, through a
 * client profile holding it and a client policy with the "any client" condition applying the
 * profile. Other profiles and policies are kept.
 */
final class TokenPolicy {

    private final RealmResource realm;

    TokenPolicy(RealmResource realm) {
        this.realm = realm;
    }

    void ensure() {
        ClientPolicyExecutorRepresentation executor = representation("{\"executor\": \""
                + ConditionalAccessExecutorFactory.PROVIDER_ID + "\", \"configuration\": {}}",
                ClientPolicyExecutorRepresentation.class);
        ClientProfileRepresentation profile = new ClientProfileRepresentation();
        profile.setName(RealmProvisioner.CLIENT_PROFILE);
        profile.setDescription("Conditional Access on token requests that no login flow sees (refresh, token exchange,"
                + " device, CIBA)");
        profile.setExecutors(List.of(executor));
        ClientProfilesRepresentation profiles = realm.clientPoliciesProfilesResource().getProfiles(false);
        List<ClientProfileRepresentation> keptProfiles = new ArrayList<>(profiles.getProfiles() == null ? List.of()
                : profiles.getProfiles().stream().filter(p -> !RealmProvisioner.CLIENT_PROFILE.equals(p.getName())).toList());
        keptProfiles.add(profile);
        profiles.setProfiles(keptProfiles);
        profiles.setGlobalProfiles(null);
        realm.clientPoliciesProfilesResource().updateProfiles(profiles);

        ClientPolicyConditionRepresentation anyClient = representation(
                "{\"condition\": \"any-client\", \"configuration\": {}}", ClientPolicyConditionRepresentation.class);
        ClientPolicyRepresentation policy = new ClientPolicyRepresentation();
        policy.setName(RealmProvisioner.CLIENT_POLICY);
        policy.setDescription("Every client: Portcullis Conditional Access on token requests");
        policy.setEnabled(true);
        policy.setConditions(List.of(anyClient));
        policy.setProfiles(List.of(RealmProvisioner.CLIENT_PROFILE));
        ClientPoliciesRepresentation policies = realm.clientPoliciesPoliciesResource().getPolicies(false);
        List<ClientPolicyRepresentation> keptPolicies = new ArrayList<>(policies.getPolicies() == null ? List.of()
                : policies.getPolicies().stream().filter(p -> !RealmProvisioner.CLIENT_POLICY.equals(p.getName())).toList());
        keptPolicies.add(policy);
        policies.setPolicies(keptPolicies);
        policies.setGlobalPolicies(null);
        realm.clientPoliciesPoliciesResource().updatePolicies(policies);
    }

    /** Keycloak's own representation from its JSON: an empty configuration must be {@code {}}, Keycloak refuses none. */
    private static <T> T representation(String json, Class<T> type) {
        try {
            return JsonSerialization.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
