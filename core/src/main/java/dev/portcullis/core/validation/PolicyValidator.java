package dev.portcullis.core.validation;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.ClientApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.PlatformsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what the types alone cannot: keywords mixed with ids, references that resolve, controls
 * that make sense together. Returns every problem, never just the first, so an administrator fixes
 * a policy in one round trip.
 */
public final class PolicyValidator {

    private PolicyValidator() {}

    public static List<ValidationProblem> validate(
            ConditionalAccessPolicy policy,
            Map<String, NamedLocation> namedLocations,
            Map<String, AuthenticationStrength> strengths) {
        // Ids are not checked here: a new document gets its id from the store (PolicySet checks ids).
        List<ValidationProblem> problems = new ArrayList<>();
        if (policy.displayName().isBlank()) {
            problems.add(new ValidationProblem("displayName", "must not be blank"));
        }
        Conditions conditions = policy.conditions();
        if (conditions.clientApplications().isPresent()) {
            workloadIdentities(policy, problems);
        } else {
            users(conditions.users(), problems);
        }
        // A policy that targets only what Keycloak has not (Global Secure Access traffic, an application
        // filter) has no applications of its own to name; it is kept and never enforced.
        boolean appsElsewhere = conditions.unevaluated().stream().anyMatch(u -> u.name().startsWith("applications."));
        if (!appsElsewhere || !conditions.applications().includeApplications().isEmpty()
                || !conditions.applications().includeUserActions().isEmpty()) {
            applications(conditions.applications(), problems);
        }
        conditions.authenticationFlows().ifPresent(c -> {
            if (c.transferMethods().isEmpty()) {
                problems.add(new ValidationProblem("conditions.authenticationFlows.transferMethods",
                        "name at least one transfer method: deviceCodeFlow or authenticationTransfer"));
            }
        });
        conditions.insiderRiskLevels().ifPresent(c -> {
            if (c.levels().isEmpty()) {
                problems.add(new ValidationProblem("conditions.insiderRiskLevels", "list at least one level"));
            }
        });
        conditions.clientAppTypes().ifPresent(c -> clientAppTypes(c, problems));
        conditions.locations().ifPresent(c -> locations(c, namedLocations, problems));
        conditions.platforms().ifPresent(c -> platforms(c, problems));
        conditions.signInRiskLevels().ifPresent(c -> risk(c, problems));
        conditions.userRiskLevels().ifPresent(c -> risk(c, problems));
        conditions.times().ifPresent(c -> {
            if (c.includeWindows().isEmpty() && c.excludeWindows().isEmpty()) {
                problems.add(new ValidationProblem("conditions.times", "configure includeWindows or excludeWindows"));
            }
        });
        grantControls(policy.grantControls(), policy.sessionControls().configured(), strengths, problems);
        return List.copyOf(problems);
    }

    /** Entra's rules for workload identities: they are the whole subject, and they can only be blocked. */
    private static void workloadIdentities(ConditionalAccessPolicy policy, List<ValidationProblem> problems) {
        ClientApplicationsCondition c = policy.conditions().clientApplications().orElseThrow();
        UsersCondition users = policy.conditions().users();
        boolean noUsers = (users.includeUsers().isEmpty() || users.includeUsers().equals(Set.of(UsersCondition.NONE)))
                && users.includeGroups().isEmpty() && users.includeRoles().isEmpty();
        if (!noUsers) {
            problems.add(new ValidationProblem("conditions.users.includeUsers", "a policy targets users or workload"
                    + " identities (conditions.clientApplications), not both: set includeUsers to ['None']"));
        }
        if (c.includeServicePrincipals().isEmpty()) {
            problems.add(new ValidationProblem("conditions.clientApplications.includeServicePrincipals",
                    "include at least one client id, or 'ServicePrincipalsInMyTenant'"));
        }
        blankIds("conditions.clientApplications.includeServicePrincipals", c.includeServicePrincipals(), problems);
        blankIds("conditions.clientApplications.excludeServicePrincipals", c.excludeServicePrincipals(), problems);
        if (!policy.grantControls().blocks()) {
            problems.add(new ValidationProblem("grantControls.builtInControls",
                    "a workload identity cannot answer a prompt: a policy for workload identities can only 'block'"));
        }
    }

    public static List<ValidationProblem> validate(NamedLocation location) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (location.displayName().isBlank()) {
            problems.add(new ValidationProblem("displayName", "must not be blank"));
        }
        if (location instanceof IpNamedLocation ip && ip.ipRanges().isEmpty()) {
            problems.add(new ValidationProblem("ipRanges", "an IP named location needs at least one range"));
        }
        if (location instanceof CountryNamedLocation country) {
            if (country.countriesAndRegions().isEmpty() && !country.includeUnknownCountriesAndRegions()) {
                problems.add(new ValidationProblem("countriesAndRegions",
                        "a country named location needs at least one country (or includeUnknownCountriesAndRegions)"));
            }
            int i = 0;
            for (String code : country.countriesAndRegions()) {
                if (!CountryNamedLocation.isCountryCode(code)) {
                    problems.add(new ValidationProblem("countriesAndRegions[" + i + "]",
                            "'" + code + "' is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. DE)"));
                }
                i++;
            }
        }
        return List.copyOf(problems);
    }

    public static List<ValidationProblem> validate(AuthenticationStrength strength) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (strength.displayName().isBlank()) {
            problems.add(new ValidationProblem("displayName", "must not be blank"));
        }
        if (strength.allowedCombinations().isEmpty()) {
            problems.add(new ValidationProblem("allowedCombinations", "list at least one combination of methods"));
        }
        return List.copyOf(problems);
    }

    private static void users(UsersCondition users, List<ValidationProblem> problems) {
        String path = "conditions.users";
        if (users.includeUsers().isEmpty() && users.includeGroups().isEmpty() && users.includeRoles().isEmpty()) {
            problems.add(new ValidationProblem(path,
                    "include at least one of includeUsers, includeGroups, includeRoles (use 'All' or 'None')"));
        }
        keywordsAlone(path + ".includeUsers", users.includeUsers(), Set.of(UsersCondition.ALL, UsersCondition.NONE),
                problems);
        // 'None' beside groups or roles includes just those, 'All' beside them everyone: Entra reads the
        // includes as a union (its own templates ship 'None' with includeRoles), and so does the evaluator.
        int i = 0;
        for (String excluded : users.excludeUsers()) {
            if (excluded.equals(UsersCondition.ALL) || excluded.equals(UsersCondition.NONE)) {
                problems.add(new ValidationProblem(path + ".excludeUsers[" + i + "]",
                        "'" + excluded + "' cannot be excluded; exclude users, groups or roles"));
            }
            i++;
        }
        blankIds(path + ".includeUsers", users.includeUsers(), problems);
        blankIds(path + ".excludeUsers", users.excludeUsers(), problems);
        blankIds(path + ".includeGroups", users.includeGroups(), problems);
        blankIds(path + ".excludeGroups", users.excludeGroups(), problems);
        blankIds(path + ".includeRoles", users.includeRoles(), problems);
        blankIds(path + ".excludeRoles", users.excludeRoles(), problems);
    }

    private static void applications(ApplicationsCondition apps, List<ValidationProblem> problems) {
        String path = "conditions.applications";
        boolean targetsApps = !apps.includeApplications().isEmpty();
        boolean targetsActions = !apps.includeUserActions().isEmpty();
        if (targetsApps == targetsActions) {
            problems.add(new ValidationProblem(path,
                    "target either includeApplications or includeUserActions (exactly one of them)"));
        }
        keywordsAlone(path + ".includeApplications", apps.includeApplications(),
                Set.of(ApplicationsCondition.ALL, ApplicationsCondition.NONE), problems);
        int i = 0;
        for (String action : apps.includeUserActions()) {
            if (!ApplicationsCondition.USER_ACTIONS.contains(action)) {
                problems.add(new ValidationProblem(path + ".includeUserActions[" + i + "]",
                        "unknown user action '" + action + "'; known: " + ApplicationsCondition.USER_ACTIONS));
            }
            i++;
        }
        if (apps.includeUserActions().size() > 1) {
            problems.add(new ValidationProblem(path + ".includeUserActions", "target one user action per policy"));
        }
        blankIds(path + ".includeApplications", apps.includeApplications(), problems);
        blankIds(path + ".excludeApplications", apps.excludeApplications(), problems);
    }

    private static void clientAppTypes(ClientAppTypesCondition c, List<ValidationProblem> problems) {
        String path = "conditions.clientAppTypes";
        if (c.clientAppTypes().isEmpty()) {
            problems.add(new ValidationProblem(path, "list at least one client app type, or 'all'"));
        } else if (c.clientAppTypes().contains(ClientAppType.ALL) && c.clientAppTypes().size() > 1) {
            problems.add(new ValidationProblem(path, "'all' cannot be combined with other client app types"));
        }
    }

    private static void locations(
            LocationsCondition c, Map<String, NamedLocation> namedLocations, List<ValidationProblem> problems) {
        String path = "conditions.locations";
        if (c.includeLocations().isEmpty()) {
            problems.add(new ValidationProblem(path + ".includeLocations",
                    "required when locations are configured (use 'All' to target every location)"));
        }
        if (c.includeLocations().contains(LocationsCondition.ALL) && c.includeLocations().size() > 1) {
            problems.add(new ValidationProblem(path + ".includeLocations", "'All' cannot be combined with other locations"));
        }
        locationIds(path + ".includeLocations", c.includeLocations(), namedLocations, problems);
        locationIds(path + ".excludeLocations", c.excludeLocations(), namedLocations, problems);
        if (c.excludeLocations().contains(LocationsCondition.ALL)) {
            problems.add(new ValidationProblem(path + ".excludeLocations", "'All' cannot be excluded"));
        }
    }

    private static void locationIds(
            String path, Set<String> ids, Map<String, NamedLocation> namedLocations, List<ValidationProblem> problems) {
        int i = 0;
        for (String id : ids) {
            boolean keyword = id.equals(LocationsCondition.ALL) || id.equals(LocationsCondition.ALL_TRUSTED);
            if (!keyword && !namedLocations.containsKey(id)) {
                problems.add(new ValidationProblem(path + "[" + i + "]", "unknown named location '" + id + "'"));
            }
            i++;
        }
    }

    private static void platforms(PlatformsCondition c, List<ValidationProblem> problems) {
        String path = "conditions.platforms";
        if (c.includePlatforms().isEmpty()) {
            problems.add(new ValidationProblem(path + ".includePlatforms",
                    "required when platforms are configured (use 'all')"));
        }
        if (c.includePlatforms().contains(DevicePlatform.ALL) && c.includePlatforms().size() > 1) {
            problems.add(new ValidationProblem(path + ".includePlatforms", "'all' cannot be combined with other platforms"));
        }
    }

    private static void risk(RiskCondition c, List<ValidationProblem> problems) {
        String path = "conditions." + c.kind().graphName();
        if (c.levels().isEmpty()) {
            problems.add(new ValidationProblem(path, "list at least one risk level"));
        }
        if (c.levels().contains(RiskLevel.UNKNOWN)) {
            problems.add(new ValidationProblem(path, "target low, medium, high or none"));
        }
    }

    private static void grantControls(GrantControls grant, boolean sessionControls,
            Map<String, AuthenticationStrength> strengths, List<ValidationProblem> problems) {
        String path = "grantControls";
        if (grant.controlCount() == 0 && !sessionControls) {
            problems.add(new ValidationProblem(path, "no controls: add 'block', or controls to grant access with,"
                    + " or session controls (a session-only policy)"));
        }
        if (grant.blocks() && grant.controlCount() > 1) {
            problems.add(new ValidationProblem(path + ".builtInControls", "'block' cannot be combined with other controls"));
        }
        grant.authenticationStrengthId().ifPresent(id -> {
            if (!strengths.containsKey(id)) {
                problems.add(new ValidationProblem(path + ".authenticationStrength.id",
                        "unknown authentication strength '" + id + "'"));
            }
            if (grant.builtInControls().contains(BuiltInControl.MFA)) {
                problems.add(new ValidationProblem(path + ".builtInControls",
                        "'mfa' and an authentication strength cannot be combined; the strength already requires MFA"));
            }
        });
    }

    /** A keyword such as 'All' or 'None' must stand alone in its list. */
    private static void keywordsAlone(
            String path, Collection<String> values, Set<String> keywords, List<ValidationProblem> problems) {
        if (values.size() < 2) {
            return;
        }
        int i = 0;
        for (String value : values) {
            if (keywords.contains(value)) {
                problems.add(new ValidationProblem(path + "[" + i + "]", "'" + value + "' cannot be combined with other entries"));
            }
            i++;
        }
    }

    private static void blankIds(String path, Collection<String> values, List<ValidationProblem> problems) {
        int i = 0;
        for (String value : values) {
            if (value.isBlank()) {
                problems.add(new ValidationProblem(path + "[" + i + "]", "must not be blank"));
            }
            i++;
        }
    }
}
