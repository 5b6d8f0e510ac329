package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.core.port.out.DirectoryPort.Entry;
import dev.portcullis.core.port.out.DirectoryPort.Kind;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * What a policy names, named by Keycloak: one read per id (Keycloak's Admin API has no look-up of several
 * ids at once), a 404 meaning the directory does not know it. A group is named by id or by path, a role by
 * its realm role's name or as {@code client/role}, an application by its client id, which only an account
 * that may view clients can read: to any other account applications cannot be named, and it says so rather
 * than calling them unknown.
 */
final class KeycloakNames {

    private final RealmResource realm;

    KeycloakNames(RealmResource realm) {
        this.realm = realm;
    }

    /** The entries the realm knows, each under the id asked by, in the order asked. */
    List<Entry> byIds(Kind kind, List<String> ids) {
        List<Entry> found = new ArrayList<>();
        for (String id : ids) {
            (switch (kind) {
                case USERS -> unlessMissing(() -> realm.users().get(id).toRepresentation()).map(u -> user(id, u));
                case GROUPS -> unlessMissing(() -> id.startsWith("/") ? realm.getGroupByPath(id)
                        : realm.groups().group(id).toRepresentation()).map(g -> group(id, g));
                case ROLES -> role(id);
                case APPLICATIONS -> client(id).map(c -> new Entry(id, KeycloakDirectory.clientName(c), c.getClientId()));
            }).ifPresent(found::add);
        }
        return found;
    }

    private static Entry user(String id, UserRepresentation user) {
        return new Entry(id, KeycloakDirectory.fullName(user), user.getUsername());
    }

    private static Entry group(String id, GroupRepresentation group) {
        return new Entry(id, group.getName(), group.getPath() == null ? "" : group.getPath());
    }

    private Optional<Entry> role(String id) {
        Optional<RoleRepresentation> realmRole = unlessMissing(() -> realm.roles().get(id).toRepresentation());
        int slash = id.indexOf('/');
        if (realmRole.isPresent() || slash < 0) {
            return realmRole.map(r -> roleEntry(id, r));
        }
        return client(id.substring(0, slash)).flatMap(c -> unlessMissing(() -> realm.clients().get(c.getId()).roles()
                .get(id.substring(slash + 1)).toRepresentation())).map(r -> roleEntry(id, r));
    }

    private static Entry roleEntry(String id, RoleRepresentation role) {
        return new Entry(id, id, role.getDescription() == null ? "" : role.getDescription());
    }

    private Optional<ClientRepresentation> client(String clientId) {
        try {
            return realm.clients().findByClientId(clientId).stream().findFirst();
        } catch (WebApplicationException e) {
            if (KeycloakDirectory.status(e) != 403) {
                throw e;
            }
            throw new DirectoryUnavailableException("the directory's account may not view clients (view-clients), so"
                    + " applications and client roles cannot be named", e);
        }
    }

    private static <T> Optional<T> unlessMissing(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (WebApplicationException e) {
            if (KeycloakDirectory.status(e) != 404) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
