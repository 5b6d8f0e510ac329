package dev.portcullis.core.evaluation;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows the enforced policies to those whose user and application includes can match, so a
 * decision over thousands of policies touches only the few that name this user and this app.
 * Exclusions and all other conditions are still checked on each candidate; the index only ever
 * leaves out policies that cannot apply.
 */
final class PolicyIndex {

    private final int words;
    private final long[] allApplications;
    private final long[] adminPortals;
    private final Map<String, long[]> byApplication = new HashMap<>();
    private final Map<String, long[]> byUserAction = new HashMap<>();
    private final long[] allUsers;
    private final long[] guests;
    /** Policies for workload identities: the only ones a workload's sign-in can meet. */
    private final long[] workloads;
    private final Map<String, long[]> byUser = new HashMap<>();
    private final Map<String, long[]> byGroup = new HashMap<>();
    private final Map<String, long[]> byRole = new HashMap<>();

    PolicyIndex(List<ConditionalAccessPolicy> policies) {
        words = Math.max(1, (policies.size() + 63) >>> 6);
        allApplications = new long[words];
        adminPortals = new long[words];
        allUsers = new long[words];
        guests = new long[words];
        workloads = new long[words];
        for (int p = 0; p < policies.size(); p++) {
            final int i = p;
            ApplicationsCondition apps = policies.get(i).conditions().applications();
            for (String app : apps.includeApplications()) {
                switch (app) {
                    case ApplicationsCondition.ALL -> set(allApplications, i);
                    case ApplicationsCondition.ADMIN_PORTALS -> set(adminPortals, i);
                    case ApplicationsCondition.NONE -> { }
                    default -> set(byApplication, app, i);
                }
            }
            apps.includeUserActions().forEach(action -> set(byUserAction, action, i));
            if (policies.get(i).conditions().clientApplications().isPresent()) {
                set(workloads, i);
            }
            UsersCondition users = policies.get(i).conditions().users();
            for (String user : users.includeUsers()) {
                switch (user) {
                    case UsersCondition.ALL -> set(allUsers, i);
                    case UsersCondition.GUESTS_OR_EXTERNAL_USERS -> set(guests, i);
                    case UsersCondition.NONE -> { }
                    default -> set(byUser, user, i);
                }
            }
            users.includeGroups().forEach(group -> set(byGroup, group, i));
            users.includeRoles().forEach(role -> set(byRole, role, i));
        }
    }

    /** Bit i set: enforced policy i may apply (its includes match); all others cannot. */
    long[] candidates(SignIn signIn) {
        long[] apps = new long[words];
        if (signIn.target() instanceof Target.Application app) {
            or(apps, allApplications);
            or(apps, byApplication.get(app.clientId()));
            if (app.adminPortal()) {
                or(apps, adminPortals);
            }
        } else {
            or(apps, byUserAction.get(((Target.UserAction) signIn.target()).action()));
        }
        if (signIn.workloadIdentity().isPresent()) {
            for (int w = 0; w < words; w++) {
                apps[w] &= workloads[w];
            }
            return apps;
        }
        long[] users = allUsers.clone();
        or(users, byUser.get(signIn.user().id()));
        if (signIn.user().guest()) {
            or(users, guests);
        }
        for (String group : signIn.user().groupIds()) {
            or(users, byGroup.get(group));
        }
        for (String role : signIn.user().roleIds()) {
            or(users, byRole.get(role));
        }
        for (int w = 0; w < words; w++) {
            apps[w] &= users[w];
        }
        return apps;
    }

    private void set(Map<String, long[]> index, String key, int bit) {
        set(index.computeIfAbsent(key, k -> new long[words]), bit);
    }

    private static void set(long[] bits, int bit) {
        bits[bit >>> 6] |= 1L << bit;
    }

    private static void or(long[] into, long[] bits) {
        if (bits != null) {
            for (int w = 0; w < into.length; w++) {
                into[w] |= bits[w];
            }
        }
    }
}
