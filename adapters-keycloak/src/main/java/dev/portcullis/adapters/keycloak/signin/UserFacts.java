package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.RoleUtils;

/** What a sign-in needs to know of the Keycloak user: who they are, what they registered, when the password changed. */
final class UserFacts {

    private UserFacts() {}

    /** Groups (ids and paths, parents included), roles, and whether the user is external (a guest, or brokered in). */
    static UserIdentity identity(KeycloakSession session, RealmModel realm, UserModel user, boolean arrivingThroughBroker) {
        Set<String> groups = new HashSet<>();
        user.getGroupsStream().forEach(group -> {
            // Ids and paths both name a group, so a policy may use either; parents count (transitive).
            for (GroupModel g = group; g != null; g = g.getParent()) {
                groups.add(g.getId());
                groups.add(path(g));
            }
        });
        Set<String> roles = new HashSet<>();
        for (RoleModel role : RoleUtils.getDeepUserRoleMappings(user)) {
            roles.add(role.isClientRole()
                    ? ((ClientModel) role.getContainer()).getClientId() + "/" + role.getName()
                    : role.getName());
        }
        boolean external = arrivingThroughBroker
                || session.users().getFederatedIdentitiesStream(realm, user).findAny().isPresent()
                || "true".equalsIgnoreCase(user.getFirstAttribute("portcullis.guest"));
        return new UserIdentity(user.getId(), groups, roles, external);
    }

    private static String path(GroupModel group) {
        return group.getParent() == null ? "/" + group.getName() : path(group.getParent()) + "/" + group.getName();
    }

    /** The methods the user has a credential for. */
    static RegistrationState registration(UserModel user) {
        Set<AuthenticationMethod> registered = EnumSet.noneOf(AuthenticationMethod.class);
        user.credentialManager().getStoredCredentialsStream().forEach(credential -> {
            for (AuthenticationMethod method : AuthenticationMethod.values()) {
                if (method.keycloakCredentialType().equals(credential.getType())) {
                    registered.add(method);
                }
            }
        });
        return new RegistrationState(registered);
    }

    /** When the password was last set: it satisfies a password-change control and remediates user risk. */
    static Instant passwordChangedAt(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate).filter(Objects::nonNull).max(Long::compare)
                .map(Instant::ofEpochMilli).orElse(null);
    }
}
