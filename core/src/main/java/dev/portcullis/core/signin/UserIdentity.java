package dev.portcullis.core.signin;

import java.util.Objects;
import java.util.Set;

/**
 * Who signs in: groups include parent groups (transitive membership), roles include composite
 * roles, as the directory resolves them.
 */
public record UserIdentity(String id, Set<String> groupIds, Set<String> roleIds, boolean guest) {

    public UserIdentity {
        Objects.requireNonNull(id, "id");
        groupIds = Set.copyOf(groupIds);
        roleIds = Set.copyOf(roleIds);
    }

    public static UserIdentity member(String id, Set<String> groupIds, Set<String> roleIds) {
        return new UserIdentity(id, groupIds, roleIds, false);
    }
}
