package dev.portcullis.adapters.keycloak.admin;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * People in a realm's directory, as the demo organisation and the tests seed them: users with a
 * password, groups, user attributes. Idempotent: what exists is kept. The control plane never
 * writes a directory (it reads one: {@link KeycloakDirectory}); roles are granted with
 * {@link RealmProvisioner#ensureRole}.
 *
 * <p>Here rather than in the demo module because the provider's integration tests (this module's)
 * seed their users the same way, and the demo module comes after this one.
 */
public final class DirectorySeed {

    private final Keycloak admin;
    private final String realm;

    public DirectorySeed(Keycloak admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    private RealmResource realm() {
        return admin.realm(realm);
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
            return RealmProvisioner.createdId(response);
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
                id = RealmProvisioner.createdId(response);
            }
        }
        for (String groupId : groupIds) {
            realm().users().get(id).joinGroup(groupId);
        }
        return id;
    }

    /** Sets a user attribute (e.g. {@code portcullis.breakGlass=true}), keeping the others. */
    public void ensureUserAttribute(String userId, String name, String value) {
        UserRepresentation user = realm().users().get(userId).toRepresentation();
        Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>()
                : new HashMap<>(user.getAttributes());
        if (List.of(value).equals(attributes.get(name))) {
            return;
        }
        attributes.put(name, List.of(value));
        user.setAttributes(attributes);
        realm().users().get(userId).update(user);
    }
}
