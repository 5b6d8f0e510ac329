package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.adapters.keycloak.token.AuthenticationMethodsMapper;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** The realm's clients: those that sign users in, those that call the control plane, and what their tokens carry. */
final class RealmClients {

    private final RealmResource realm;

    RealmClients(RealmResource realm) {
        this.realm = realm;
    }

    /** See {@link RealmProvisioner#ensureServiceClient}. */
    void serviceClient(String clientId, String secret, String... roles) {
        ClientRepresentation client = realm.clients().findByClientId(clientId).stream().findFirst().orElse(null);
        if (client == null) {
            client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setPublicClient(false);
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setSecret(secret);
            try (Response response = realm.clients().create(client)) {
                client.setId(RealmProvisioner.createdId(response));
            }
        } else if (!secret.equals(client.getSecret())) {
            client.setSecret(secret);
            realm.clients().get(client.getId()).update(client);
        }
        String serviceAccount = realm.clients().get(client.getId()).getServiceAccountUser().getId();
        for (String role : roles) {
            role(serviceAccount, role);
        }
    }

    /** See {@link RealmProvisioner#ensureClient}. */
    void client(String clientId, String name, boolean passwordGrant, String redirectUri) {
        if (!realm.clients().findByClientId(clientId).isEmpty()) {
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
        realm.clients().create(client).close();
    }

    /** See {@link RealmProvisioner#ensureBrowserClient}. */
    void browserClient(String clientId, String name, String redirectUri) {
        ClientRepresentation client = publicClient(clientId, name, true);
        client.setRedirectUris(List.of(redirectUri));
        client.setBaseUrl(redirectUri);
        client.setWebOrigins(List.of("+")); // the redirect URI's origin may call the token endpoint (CORS)
        save(client, Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+",
                "oauth2.device.authorization.grant.enabled", "false"));
    }

    /** See {@link RealmProvisioner#ensureDeviceClient}. */
    void deviceClient(String clientId, String name) {
        ClientRepresentation client = publicClient(clientId, name, false);
        client.setRedirectUris(List.of());
        save(client, Map.of("oauth2.device.authorization.grant.enabled", "true"));
    }

    /** See {@link RealmProvisioner#ensureDeviceGrant}. */
    void deviceGrant(String clientId) {
        ClientRepresentation client = realm.clients().findByClientId(clientId).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no client '" + clientId + "' in the realm"));
        save(client, Map.of("oauth2.device.authorization.grant.enabled", "true"));
    }

    /**
     * The client found (or a new one) as a public client for people: the redirect flow or not, and
     * never the implicit flow, the password grant or a service account.
     */
    private ClientRepresentation publicClient(String clientId, String name, boolean standardFlow) {
        ClientRepresentation client = realm.clients().findByClientId(clientId).stream().findFirst()
                .orElseGet(ClientRepresentation::new);
        client.setClientId(clientId);
        client.setName(name);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(standardFlow);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        return client;
    }

    /** Creates the client, or updates the one found, with these attributes set and its others kept. */
    private void save(ClientRepresentation client, Map<String, String> attributes) {
        Map<String, String> all = client.getAttributes() == null ? new HashMap<>() : new HashMap<>(client.getAttributes());
        all.putAll(attributes);
        client.setAttributes(all);
        if (client.getId() == null) {
            realm.clients().create(client).close();
        } else {
            realm.clients().get(client.getId()).update(client);
        }
    }

    /** The client's tokens carry this audience ({@code aud}), so a resource server can tell they are meant for it. */
    void audience(String clientId, String audience) {
        mapper(clientId, "audience " + audience, "oidc-audience-mapper",
                Map.of("included.custom.audience", audience, "access.token.claim", "true", "id.token.claim", "false",
                        "introspection.token.claim", "true"));
    }

    /** The client's tokens carry the RFC 8176 {@code amr} claim that Portcullis' mapper writes. */
    void authenticationMethodsClaim(String clientId) {
        mapper(clientId, "portcullis amr", AuthenticationMethodsMapper.PROVIDER_ID,
                Map.of("access.token.claim", "true", "id.token.claim", "true", "introspection.token.claim", "true"));
    }

    private void mapper(String clientId, String name, String mapperType, Map<String, String> config) {
        String id = realm.clients().findByClientId(clientId).get(0).getId();
        ProtocolMappersResource mappers = realm.clients().get(id).getProtocolMappers();
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

    /** Grants a realm role (made if the realm lacks it), or a client's role written {@code client/role}. */
    void role(String userId, String role) {
        int slash = role.indexOf('/');
        if (slash >= 0) {
            String owner = realm.clients().findByClientId(role.substring(0, slash)).get(0).getId();
            realm.users().get(userId).roles().clientLevel(owner).add(
                    List.of(realm.clients().get(owner).roles().get(role.substring(slash + 1)).toRepresentation()));
            return;
        }
        if (realm.roles().list().stream().noneMatch(r -> r.getName().equals(role))) {
            RoleRepresentation rep = new RoleRepresentation();
            rep.setName(role);
            realm.roles().create(rep);
        }
        realm.users().get(userId).roles().realmLevel().add(List.of(realm.roles().get(role).toRepresentation()));
    }
}
