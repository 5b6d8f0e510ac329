package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.Set;

/**
 * Graph's {@code clientApplications}: workload identities (service principals). In Keycloak a
 * workload identity is a client using the client-credentials grant, named by its client id. A policy
 * with this condition targets workload identities instead of users, so it never applies to a user's
 * sign-in, and user policies never apply to a workload's.
 */
public record ClientApplicationsCondition(Set<String> includeServicePrincipals, Set<String> excludeServicePrincipals)
        implements Condition {

    /** Graph's keyword for every service principal of the tenant: every client of the realm. */
    public static final String ALL_IN_TENANT = "ServicePrincipalsInMyTenant";

    private static final ConditionResult A_USER = ConditionResult.notMatched("a user signs in, not a workload identity");
    private static final ConditionResult EXCLUDED = ConditionResult.notMatched("the workload identity is excluded");
    private static final ConditionResult NOT_INCLUDED = ConditionResult.notMatched("the workload identity is not included");

    public ClientApplicationsCondition {
        includeServicePrincipals = OrderedIds.copyOf(includeServicePrincipals);
        excludeServicePrincipals = OrderedIds.copyOf(excludeServicePrincipals);
    }

    @Override
    public String name() {
        return "clientApplications";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        if (signIn.workloadIdentity().isEmpty()) {
            return A_USER;
        }
        String clientId = signIn.workloadIdentity().get();
        boolean byId = !clientId.equals(ALL_IN_TENANT);
        if (byId && excludeServicePrincipals.contains(clientId)) {
            return EXCLUDED;
        }
        if (includeServicePrincipals.contains(ALL_IN_TENANT) || (byId && includeServicePrincipals.contains(clientId))) {
            return ConditionResult.MATCHED;
        }
        return NOT_INCLUDED;
    }
}
