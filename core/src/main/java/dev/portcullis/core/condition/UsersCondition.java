package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.UserIdentity;
import java.util.Map;
import java.util.Set;

/** Which users a policy targets: users, groups (transitive) and roles, or the keywords below. */
public record UsersCondition(
        Set<String> includeUsers,
        Set<String> excludeUsers,
        Set<String> includeGroups,
        Set<String> excludeGroups,
        Set<String> includeRoles,
        Set<String> excludeRoles) implements Condition {

    public static final String ALL = "All";
    public static final String NONE = "None";
    public static final String GUESTS_OR_EXTERNAL_USERS = "GuestsOrExternalUsers";
    /** A user whose id happens to be a keyword is never matched by that id: "None" includes nobody. */
    private static final Set<String> KEYWORDS = Set.of(ALL, NONE, GUESTS_OR_EXTERNAL_USERS);
    private static final ConditionResult A_WORKLOAD =
            ConditionResult.notMatched("a workload identity signs in, not a user");

    public UsersCondition {
        includeUsers = OrderedIds.copyOf(includeUsers);
        excludeUsers = OrderedIds.copyOf(excludeUsers);
        includeGroups = OrderedIds.copyOf(includeGroups);
        excludeGroups = OrderedIds.copyOf(excludeGroups);
        includeRoles = OrderedIds.copyOf(includeRoles);
        excludeRoles = OrderedIds.copyOf(excludeRoles);
    }

    public static UsersCondition all() {
        return new UsersCondition(Set.of(ALL), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static UsersCondition groups(String... groupIds) {
        return new UsersCondition(Set.of(), Set.of(), Set.of(groupIds), Set.of(), Set.of(), Set.of());
    }

    public static UsersCondition roles(String... roleIds) {
        return new UsersCondition(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(roleIds), Set.of());
    }

    public UsersCondition excludingUsers(String... userIds) {
        return new UsersCondition(includeUsers, Set.of(userIds), includeGroups, excludeGroups, includeRoles,
                excludeRoles);
    }

    public UsersCondition excludingGroups(String... groupIds) {
        return new UsersCondition(includeUsers, excludeUsers, includeGroups, Set.of(groupIds), includeRoles,
                excludeRoles);
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        if (signIn.workloadIdentity().isPresent()) {
            return A_WORKLOAD; // Entra: policies for users never apply to workload identities
        }
        UserIdentity user = signIn.user();
        // Exclude beats include: checked first.
        if (excludeUsers.contains(user.id()) && !KEYWORDS.contains(user.id())) {
            return ConditionResult.notMatched("user is excluded");
        }
        if (user.guest() && excludeUsers.contains(GUESTS_OR_EXTERNAL_USERS)) {
            return ConditionResult.notMatched("guests and external users are excluded");
        }
        String group = firstShared(user.groupIds(), excludeGroups);
        if (group != null) {
            return ConditionResult.notMatched("user is excluded through group " + group);
        }
        String role = firstShared(user.roleIds(), excludeRoles);
        if (role != null) {
            return ConditionResult.notMatched("user is excluded through role " + role);
        }
        if (includes(user)) {
            return ConditionResult.MATCHED;
        }
        return ConditionResult.notMatched("user is not included");
    }

    boolean includes(UserIdentity user) {
        return includeUsers.contains(ALL)
                || (includeUsers.contains(user.id()) && !KEYWORDS.contains(user.id()))
                || (user.guest() && includeUsers.contains(GUESTS_OR_EXTERNAL_USERS))
                || firstShared(user.groupIds(), includeGroups) != null
                || firstShared(user.roleIds(), includeRoles) != null;
    }

    private static String firstShared(Set<String> small, Set<String> configured) {
        if (configured.isEmpty()) {
            return null;
        }
        for (String id : small) {
            if (configured.contains(id)) {
                return id;
            }
        }
        return null;
    }
}
