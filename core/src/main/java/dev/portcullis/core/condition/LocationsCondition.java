package dev.portcullis.core.condition;

import dev.portcullis.core.location.CompliantNetworkNamedLocation;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.Set;

/** Named locations a policy targets; {@code AllTrusted} means every trusted IP location. */
public record LocationsCondition(Set<String> includeLocations, Set<String> excludeLocations) implements Condition {

    public static final String ALL = "All";
    public static final String ALL_TRUSTED = "AllTrusted";

    public LocationsCondition {
        includeLocations = OrderedIds.copyOf(includeLocations);
        excludeLocations = OrderedIds.copyOf(excludeLocations);
    }

    public static LocationsCondition include(String... ids) {
        return new LocationsCondition(Set.of(ids), Set.of());
    }

    public static LocationsCondition allExcept(String... ids) {
        return new LocationsCondition(Set.of(ALL), Set.of(ids));
    }

    @Override
    public String name() {
        return "locations";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        String network = compliantNetwork(namedLocations);
        if (network != null) {
            // Whether a sign-in comes through Global Secure Access is unknowable here: never enforced,
            // rather than read as "outside every compliant network" (which would block everyone).
            return ConditionResult.notMatched("names the Global Secure Access compliant network '" + network
                    + "', which Portcullis cannot see: this policy is never enforced");
        }
        String excludedBy = firstContaining(excludeLocations, signIn, namedLocations);
        if (excludedBy != null) {
            return ConditionResult.notMatched("location " + excludedBy + " is excluded");
        }
        if (firstContaining(includeLocations, signIn, namedLocations) != null) {
            return ConditionResult.MATCHED;
        }
        return ConditionResult.notMatched(signIn.ipAddress().isEmpty()
                ? "client IP is unknown, so it is in no included location"
                : "sign-in is from no included location");
    }

    /** The display name of a compliant network this condition names, or null. */
    public String compliantNetwork(Map<String, NamedLocation> namedLocations) {
        for (Set<String> ids : java.util.List.of(includeLocations, excludeLocations)) {
            for (String id : ids) {
                if (namedLocations.get(id) instanceof CompliantNetworkNamedLocation network) {
                    return network.displayName();
                }
            }
        }
        return null;
    }

    private static String firstContaining(Set<String> ids, SignIn signIn, Map<String, NamedLocation> locations) {
        for (String id : ids) {
            if (ALL.equals(id)) {
                return id;
            }
            if (ALL_TRUSTED.equals(id)) {
                for (NamedLocation location : locations.values()) {
                    if (location.trusted() && location.contains(signIn.ipAddress(), signIn.country())) {
                        return id;
                    }
                }
                continue;
            }
            NamedLocation location = locations.get(id);
            // Validation guarantees ids resolve; a location deleted under a running snapshot matches nothing.
            if (location != null && location.contains(signIn.ipAddress(), signIn.country())) {
                return location.displayName();
            }
        }
        return null;
    }
}
