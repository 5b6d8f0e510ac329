package dev.portcullis.adapters.keycloak.signin;

import java.util.Optional;
import java.util.Set;

/**
 * Clients this node treats specially: the admin portals group (MicrosoftAdminPortals), and the
 * client the node itself fetches its policies with, which a workload policy never cuts off.
 *
 * @param nodeClient {@code realm/clientId} of the node's own client, if that realm is on this server
 */
public record KnownClients(Set<String> adminPortals, Optional<String> nodeClient) {

    public KnownClients {
        adminPortals = Set.copyOf(adminPortals);
    }

    public boolean isAdminPortal(String clientId) {
        return adminPortals.contains(clientId);
    }

    /** The client this node fetches its policies with: never evaluated as a workload identity. */
    public boolean isNodeClient(String realm, String clientId) {
        return nodeClient.filter((realm + "/" + clientId)::equals).isPresent();
    }
}
