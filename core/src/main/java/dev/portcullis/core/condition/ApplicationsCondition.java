package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.util.Map;
import java.util.Set;

/**
 * Which applications (Keycloak client ids) or user actions a policy targets. A policy targets
 * either applications or user actions; "All" applications does not cover user actions.
 */
public record ApplicationsCondition(
        Set<String> includeApplications, Set<String> excludeApplications, Set<String> includeUserActions)
        implements Condition {

    public static final String ALL = "All";
    public static final String NONE = "None";
    /** Graph's name for the admin portals group: Keycloak's admin console, admin-cli, our API. */
    public static final String ADMIN_PORTALS = "MicrosoftAdminPortals";
    /** A client whose id happens to be a keyword is never matched by that id: "None" includes no app. */
    private static final Set<String> KEYWORDS = Set.of(ALL, NONE, ADMIN_PORTALS);
    public static final Set<String> USER_ACTIONS = Set.of(Target.REGISTER_SECURITY_INFO, Target.REGISTER_DEVICE);

    // Constant reasons: the evaluator's hot path must not build strings for policies that do not apply.
    private static final ConditionResult NOT_TARGETED_ACTION = ConditionResult.notMatched("the user action is not targeted");
    private static final ConditionResult EXCLUDED = ConditionResult.notMatched("the application is excluded");
    private static final ConditionResult NOT_INCLUDED = ConditionResult.notMatched("the application is not included");

    public ApplicationsCondition {
        includeApplications = OrderedIds.copyOf(includeApplications);
        excludeApplications = OrderedIds.copyOf(excludeApplications);
        includeUserActions = OrderedIds.copyOf(includeUserActions);
    }

    public static ApplicationsCondition all() {
        return apps(ALL);
    }

    public static ApplicationsCondition apps(String... clientIds) {
        return new ApplicationsCondition(Set.of(clientIds), Set.of(), Set.of());
    }

    public static ApplicationsCondition userAction(String action) {
        return new ApplicationsCondition(Set.of(), Set.of(), Set.of(action));
    }

    public ApplicationsCondition excluding(String... clientIds) {
        return new ApplicationsCondition(includeApplications, Set.of(clientIds), includeUserActions);
    }

    @Override
    public String name() {
        return "applications";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        if (signIn.target() instanceof Target.UserAction action) {
            return includeUserActions.contains(action.action())
                    ? ConditionResult.MATCHED
                    : NOT_TARGETED_ACTION;
        }
        Target.Application app = (Target.Application) signIn.target();
        boolean byId = !KEYWORDS.contains(app.clientId());
        if ((byId && excludeApplications.contains(app.clientId()))
                || (app.adminPortal() && excludeApplications.contains(ADMIN_PORTALS))) {
            return EXCLUDED;
        }
        if (includeApplications.contains(ALL)
                || (byId && includeApplications.contains(app.clientId()))
                || (app.adminPortal() && includeApplications.contains(ADMIN_PORTALS))) {
            return ConditionResult.MATCHED;
        }
        return NOT_INCLUDED;
    }
}
