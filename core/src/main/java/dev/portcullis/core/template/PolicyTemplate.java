package dev.portcullis.core.template;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.Target;
import java.util.Set;
import java.util.function.Function;

/**
 * The phased MFA rollout as ready-made policies, after Entra's templates. Every template excludes
 * the break-glass accounts and is created report-only: an administrator looks at the sign-in log's
 * report-only results before switching one on.
 */
public enum PolicyTemplate {

    BLOCK_LEGACY_AUTHENTICATION("Block legacy authentication",
            "Legacy clients (password grant, Exchange ActiveSync) cannot do MFA: block them for everyone.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), ApplicationsCondition.all())
                    .withClientAppTypes(ClientAppTypesCondition.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER)),
                    GrantControls.block())),

    REQUIRE_MFA_FOR_ALL_USERS("Require MFA for all users",
            "Starts with the pilot groups; add the next wave's groups, then switch to all users.",
            p -> policy(Conditions.of(new UsersCondition(Set.of(), p.breakGlassUserIds(), p.pilotGroupIds(), Set.of(),
                    Set.of(), Set.of()), ApplicationsCondition.all()), GrantControls.require(GrantOperator.OR, BuiltInControl.MFA))),

    REQUIRE_MFA_FOR_ADMINS("Require MFA for administrators",
            "Administrator roles must always use MFA, in every application.",
            p -> policy(Conditions.of(adminsExceptBreakGlass(p), ApplicationsCondition.all()),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA))),

    // Entra's "Require multifactor authentication for Microsoft admin portals": phase 1 of a rollout.
    REQUIRE_MFA_FOR_ADMIN_PORTALS("Require MFA for admin portals",
            "Keycloak's admin console and admin-cli ask administrators for MFA, from any device.",
            p -> policy(Conditions.of(adminsExceptBreakGlass(p), ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS)),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA))),

    REQUIRE_COMPLIANT_DEVICE_AND_MFA_FOR_ADMIN_PORTALS("Require compliant device and MFA for admin portals",
            "The admin console, admin-cli and the Portcullis API only from a compliant device, with MFA.",
            p -> policy(Conditions.of(adminsExceptBreakGlass(p), ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS)),
                    GrantControls.require(GrantOperator.AND, BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE))),

    REQUIRE_MFA_TO_REGISTER_SECURITY_INFO("Require MFA to register security info",
            "Registering a new method needs MFA, except from a trusted location: a stolen password alone cannot"
                    + " enrol the attacker's authenticator.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO))
                    .withLocations(new LocationsCondition(Set.of(LocationsCondition.ALL), Set.of(LocationsCondition.ALL_TRUSTED))),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA))),

    BLOCK_SELECTED_COUNTRIES("Block access from selected countries",
            "Sign-ins from the countries in the named location are blocked.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), ApplicationsCondition.all())
                    .withLocations(LocationsCondition.include(p.blockedCountriesLocationId())), GrantControls.block())),

    REQUIRE_MFA_OUTSIDE_TRUSTED_LOCATIONS("Require MFA outside trusted locations",
            "High-risk applications prompt for MFA unless the sign-in comes from a trusted network.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), highRiskApplications(p))
                    .withLocations(new LocationsCondition(Set.of(LocationsCondition.ALL), Set.of(LocationsCondition.ALL_TRUSTED))),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA))),

    REQUIRE_MFA_FOR_HIGH_RISK_APPLICATIONS("Require MFA for high-risk applications",
            "HR, finance and the other high-risk applications always prompt for MFA, from the office too.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), highRiskApplications(p)),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA))),

    // Entra's risk templates: each asks again every time, since an earlier MFA says nothing about this risk.
    REQUIRE_MFA_FOR_RISKY_SIGN_INS("Require MFA for medium and high sign-in risk",
            "A sign-in that looks unusual (an unfamiliar country, an anonymous network, impossible travel)"
                    + " proves MFA, every time.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), ApplicationsCondition.all())
                    .withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of(RiskLevel.MEDIUM, RiskLevel.HIGH))),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.signInFrequency(
                            SignInFrequency.everyTime()))),

    BLOCK_HIGH_SIGN_IN_RISK("Block high sign-in risk",
            "A sign-in that is very likely not the user's own is blocked, and the security team alerted.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), ApplicationsCondition.all())
                    .withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of(RiskLevel.HIGH))),
                    GrantControls.block())),

    // Emergency accounts now need MFA too (Entra's mandatory MFA): the one kind no phishing kit relays.
    REQUIRE_PHISHING_RESISTANT_MFA_FOR_EMERGENCY_ACCOUNTS("Require phishing-resistant MFA for emergency access accounts",
            "The break-glass accounts, excluded from every other policy, prove a passkey or a security key."
                    + " The lockout guard refuses to enable it until each of them has one registered.",
            p -> policy(Conditions.of(new UsersCondition(p.breakGlassUserIds(), Set.of(), Set.of(), Set.of(), Set.of(),
                    Set.of()), ApplicationsCondition.all()),
                    GrantControls.requireStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID))),

    REQUIRE_PASSWORD_CHANGE_FOR_HIGH_USER_RISK("Require password change for high user risk",
            "A user whose account is likely compromised proves MFA and changes the password (Keycloak's"
                    + " UPDATE_PASSWORD), which resets the user risk.",
            p -> policy(Conditions.of(allExceptBreakGlass(p), ApplicationsCondition.all())
                    .withUserRisk(new RiskCondition(RiskCondition.Kind.USER, Set.of(RiskLevel.HIGH))),
                    GrantControls.require(GrantOperator.AND, BuiltInControl.MFA, BuiltInControl.PASSWORD_CHANGE),
                    SessionControls.signInFrequency(SignInFrequency.everyTime())));

    /** The directory objects the templates refer to. */
    public record Parameters(
            Set<String> breakGlassUserIds,
            Set<String> pilotGroupIds,
            Set<String> adminRoleIds,
            Set<String> highRiskApplicationIds,
            String blockedCountriesLocationId) {

        public Parameters {
            breakGlassUserIds = Set.copyOf(breakGlassUserIds);
            pilotGroupIds = Set.copyOf(pilotGroupIds);
            adminRoleIds = Set.copyOf(adminRoleIds);
            highRiskApplicationIds = Set.copyOf(highRiskApplicationIds);
        }
    }

    private final String displayName;
    private final String description;
    private final Function<Parameters, Draft> build;

    PolicyTemplate(String displayName, String description, Function<Parameters, Draft> build) {
        this.displayName = displayName;
        this.description = description;
        this.build = build;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /** A stable id, for example {@code block-legacy-authentication}. */
    public String templateId() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The policy, report-only, with the given id. */
    public ConditionalAccessPolicy instantiate(String policyId, Parameters parameters) {
        Draft draft = build.apply(parameters);
        return new ConditionalAccessPolicy(policyId, displayName, PolicyState.REPORT_ONLY, draft.conditions(),
                draft.grant(), draft.session());
    }

    private record Draft(Conditions conditions, GrantControls grant, SessionControls session) {}

    private static Draft policy(Conditions conditions, GrantControls grant) {
        return new Draft(conditions, grant, SessionControls.none());
    }

    private static Draft policy(Conditions conditions, GrantControls grant, SessionControls session) {
        return new Draft(conditions, grant, session);
    }

    private static ApplicationsCondition highRiskApplications(Parameters p) {
        return new ApplicationsCondition(p.highRiskApplicationIds(), Set.of(), Set.of());
    }

    private static UsersCondition allExceptBreakGlass(Parameters p) {
        return new UsersCondition(Set.of(UsersCondition.ALL), p.breakGlassUserIds(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    private static UsersCondition adminsExceptBreakGlass(Parameters p) {
        return new UsersCondition(Set.of(), p.breakGlassUserIds(), Set.of(), Set.of(), p.adminRoleIds(), Set.of());
    }
}
