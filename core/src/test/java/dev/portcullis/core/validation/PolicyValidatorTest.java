package dev.portcullis.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.PlatformsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.TimeCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.method.MethodCombination;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

    private static final IpNamedLocation OFFICE =
            new IpNamedLocation("office", "Office", List.of(IpRange.of("10.20.0.0/16")), true);
    private static final CountryNamedLocation HOME_COUNTRY =
            new CountryNamedLocation("home", "Home country", Set.of("DE"), false);
    private static final Map<String, NamedLocation> LOCATIONS = Map.of("office", OFFICE, "home", HOME_COUNTRY);
    private static final Map<String, AuthenticationStrength> STRENGTHS = Map.of(
            AuthenticationStrength.MFA_ID, AuthenticationStrength.MFA,
            AuthenticationStrength.PHISHING_RESISTANT_MFA_ID, AuthenticationStrength.PHISHING_RESISTANT_MFA);

    /** Keeps the order written, so problem paths can name an index. */
    @SafeVarargs
    private static <T> Set<T> ordered(T... values) {
        return new LinkedHashSet<>(Arrays.asList(values));
    }

    private static ConditionalAccessPolicy policy(Conditions conditions, GrantControls grant) {
        return new ConditionalAccessPolicy("p1", "Policy one", PolicyState.ENABLED, conditions, grant, SessionControls.none());
    }

    private static Conditions allUsersAllApps() {
        return Conditions.of(UsersCondition.all(), ApplicationsCondition.all());
    }

    private static GrantControls mfa() {
        return GrantControls.require(GrantOperator.OR, BuiltInControl.MFA);
    }

    private static List<String> problems(ConditionalAccessPolicy policy) {
        return PolicyValidator.validate(policy, LOCATIONS, STRENGTHS).stream().map(ValidationProblem::toString).toList();
    }

    private static List<String> problems(Conditions conditions) {
        return problems(policy(conditions, mfa()));
    }

    private static UsersCondition users(Set<String> include, Set<String> exclude, Set<String> groups, Set<String> roles) {
        return new UsersCondition(include, exclude, groups, Set.of(), roles, Set.of());
    }

    @Test
    void aValidPolicyHasNoProblems() {
        assertThat(problems(allUsersAllApps())).isEmpty();
        assertThat(problems(policy(allUsersAllApps(), GrantControls.block()))).isEmpty();
        assertThat(problems(policy(allUsersAllApps(),
                GrantControls.requireStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID)))).isEmpty();
    }

    @Test
    void noneOrAllMixedWithOtherUsers() {
        assertThat(problems(allUsersAllApps().withLocations(LocationsCondition.include("office"))
                .withClientAppTypes(ClientAppTypesCondition.of(ClientAppType.BROWSER)))).isEmpty();
        assertThat(problems(Conditions.of(users(ordered("u1", "None"), Set.of(), Set.of(), Set.of()),
                ApplicationsCondition.all())))
                .containsExactly("conditions.users.includeUsers[1]: 'None' cannot be combined with other entries");
        assertThat(problems(Conditions.of(users(ordered("All", "u1"), Set.of(), Set.of(), Set.of()),
                ApplicationsCondition.all())))
                .containsExactly("conditions.users.includeUsers[0]: 'All' cannot be combined with other entries");
        // Entra reads the includes as a union: its own templates ship 'None' beside includeRoles.
        assertThat(problems(Conditions.of(users(Set.of("All"), Set.of(), Set.of("g1"), Set.of()),
                ApplicationsCondition.all()))).isEmpty();
        assertThat(problems(Conditions.of(users(Set.of("None"), Set.of(), Set.of(), Set.of("r1")),
                ApplicationsCondition.all()))).isEmpty();
    }

    @Test
    void usersMustIncludeSomeoneAndCannotExcludeKeywords() {
        assertThat(problems(Conditions.of(users(Set.of(), Set.of(), Set.of(), Set.of()), ApplicationsCondition.all())))
                .singleElement().asString().startsWith("conditions.users: include at least one of");
        assertThat(problems(Conditions.of(users(Set.of("All"), ordered("u1", "All"), Set.of(), Set.of()),
                ApplicationsCondition.all())))
                .containsExactly("conditions.users.excludeUsers[1]: 'All' cannot be excluded; exclude users, groups or roles");
        assertThat(problems(Conditions.of(users(Set.of(), Set.of(), ordered("g1", " "), Set.of()),
                ApplicationsCondition.all())))
                .containsExactly("conditions.users.includeGroups[1]: must not be blank");
    }

    @Test
    void allApplicationsMixedWithOthers() {
        assertThat(problems(Conditions.of(UsersCondition.all(),
                new ApplicationsCondition(ordered("hr", "All"), Set.of(), Set.of()))))
                .containsExactly("conditions.applications.includeApplications[1]: 'All' cannot be combined with other entries");
        assertThat(problems(Conditions.of(UsersCondition.all(),
                new ApplicationsCondition(ordered("None", "hr"), Set.of(), Set.of()))))
                .containsExactly("conditions.applications.includeApplications[0]: 'None' cannot be combined with other entries");
    }

    @Test
    void applicationsOrUserActionsExactlyOneOfThem() {
        assertThat(problems(Conditions.of(UsersCondition.all(),
                new ApplicationsCondition(Set.of("hr"), Set.of(), Set.of("urn:user:registersecurityinfo")))))
                .singleElement().asString().startsWith("conditions.applications: target either");
        assertThat(problems(Conditions.of(UsersCondition.all(), new ApplicationsCondition(Set.of(), Set.of(), Set.of()))))
                .singleElement().asString().startsWith("conditions.applications: target either");
        assertThat(problems(Conditions.of(UsersCondition.all(), ApplicationsCondition.userAction("urn:user:dance"))))
                .singleElement().asString().startsWith("conditions.applications.includeUserActions[0]: unknown user action 'urn:user:dance'");
        assertThat(problems(Conditions.of(UsersCondition.all(), new ApplicationsCondition(Set.of(), Set.of(),
                ordered("urn:user:registersecurityinfo", "urn:user:registerdevice")))))
                .containsExactly("conditions.applications.includeUserActions: target one user action per policy");
    }

    @Test
    void anEmptyGrantWithoutBlock() {
        GrantControls empty = new GrantControls(GrantOperator.OR, Set.of(), Optional.empty(), Set.of(), Set.of());

        assertThat(problems(policy(allUsersAllApps(), empty)))
                .containsExactly("grantControls: no controls: add 'block', or controls to grant access with,"
                        + " or session controls (a session-only policy)");
    }

    @Test
    void aSessionOnlyPolicyIsValidAsEntraAllowsIt() {
        ConditionalAccessPolicy sessionOnly = new ConditionalAccessPolicy("p", "Sign-in frequency for admins",
                PolicyState.ENABLED, allUsersAllApps(), GrantControls.none(),
                SessionControls.signInFrequency(SignInFrequency.of(java.time.Duration.ofHours(12))));

        assertThat(PolicyValidator.validate(sessionOnly, Map.of(), Map.of())).isEmpty();
    }

    @Test
    void blockCombinedWithOtherControls() {
        assertThat(problems(policy(allUsersAllApps(),
                GrantControls.require(GrantOperator.OR, BuiltInControl.BLOCK, BuiltInControl.MFA))))
                .containsExactly("grantControls.builtInControls: 'block' cannot be combined with other controls");
        assertThat(problems(policy(allUsersAllApps(), GrantControls.block().withStrength(AuthenticationStrength.MFA_ID))))
                .containsExactly("grantControls.builtInControls: 'block' cannot be combined with other controls");
        assertThat(problems(policy(allUsersAllApps(), new GrantControls(GrantOperator.OR, Set.of(BuiltInControl.BLOCK),
                Optional.empty(), Set.of(), Set.of("tou")))))
                .containsExactly("grantControls.builtInControls: 'block' cannot be combined with other controls");
    }

    @Test
    void unknownNamedLocationsNameTheirExactPath() {
        LocationsCondition locations = new LocationsCondition(ordered("office", "AllTrusted", "nowhere"), ordered("gone"));

        assertThat(problems(allUsersAllApps().withLocations(locations))).containsExactly(
                "conditions.locations.includeLocations[2]: unknown named location 'nowhere'",
                "conditions.locations.excludeLocations[0]: unknown named location 'gone'");
    }

    @Test
    void locationKeywords() {
        assertThat(problems(allUsersAllApps().withLocations(new LocationsCondition(ordered("All", "office"), Set.of()))))
                .containsExactly("conditions.locations.includeLocations: 'All' cannot be combined with other locations");
        assertThat(problems(allUsersAllApps().withLocations(new LocationsCondition(Set.of("office"), Set.of("All")))))
                .containsExactly("conditions.locations.excludeLocations: 'All' cannot be excluded");
        assertThat(problems(allUsersAllApps().withLocations(new LocationsCondition(Set.of(), Set.of("office")))))
                .singleElement().asString().startsWith("conditions.locations.includeLocations: required");
    }

    @Test
    void unknownAuthenticationStrength() {
        assertThat(problems(policy(allUsersAllApps(), GrantControls.requireStrength("no-such-strength"))))
                .containsExactly("grantControls.authenticationStrength.id: unknown authentication strength 'no-such-strength'");
    }

    @Test
    void mfaAndAStrengthTogether() {
        assertThat(problems(policy(allUsersAllApps(), mfa().withStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID))))
                .singleElement().asString().startsWith("grantControls.builtInControls: 'mfa' and an authentication strength");
    }

    @Test
    void otherConditions() {
        assertThat(problems(allUsersAllApps().withClientAppTypes(new ClientAppTypesCondition(Set.of()))))
                .containsExactly("conditions.clientAppTypes: list at least one client app type, or 'all'");
        assertThat(problems(allUsersAllApps().withClientAppTypes(
                ClientAppTypesCondition.of(ClientAppType.ALL, ClientAppType.BROWSER))))
                .containsExactly("conditions.clientAppTypes: 'all' cannot be combined with other client app types");
        assertThat(problems(allUsersAllApps().withPlatforms(
                new PlatformsCondition(ordered(DevicePlatform.ALL, DevicePlatform.IOS), Set.of()))))
                .containsExactly("conditions.platforms.includePlatforms: 'all' cannot be combined with other platforms");
        assertThat(problems(allUsersAllApps().withPlatforms(new PlatformsCondition(Set.of(), Set.of(DevicePlatform.IOS)))))
                .singleElement().asString().startsWith("conditions.platforms.includePlatforms: required");
        assertThat(problems(allUsersAllApps().withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of()))))
                .containsExactly("conditions.signInRiskLevels: list at least one risk level");
        assertThat(problems(allUsersAllApps().withUserRisk(
                new RiskCondition(RiskCondition.Kind.USER, Set.of(RiskLevel.UNKNOWN)))))
                .containsExactly("conditions.userRiskLevels: target low, medium, high or none");
        assertThat(problems(allUsersAllApps().withTimes(new TimeCondition(List.of(), List.of()))))
                .containsExactly("conditions.times: configure includeWindows or excludeWindows");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        ConditionalAccessPolicy bad = new ConditionalAccessPolicy(" ", "", PolicyState.ENABLED,
                Conditions.of(users(ordered("None", "u1"), Set.of(), Set.of(), Set.of()),
                                new ApplicationsCondition(ordered("All", "hr"), Set.of(), Set.of()))
                        .withLocations(LocationsCondition.include("nowhere")),
                GrantControls.require(GrantOperator.AND, BuiltInControl.BLOCK, BuiltInControl.MFA),
                SessionControls.none());

        // The id is not the validator's concern: the store assigns it, and PolicySet checks it.
        assertThat(problems(bad)).containsExactly(
                "displayName: must not be blank",
                "conditions.users.includeUsers[0]: 'None' cannot be combined with other entries",
                "conditions.applications.includeApplications[0]: 'All' cannot be combined with other entries",
                "conditions.locations.includeLocations[0]: unknown named location 'nowhere'",
                "grantControls.builtInControls: 'block' cannot be combined with other controls");
    }

    @Test
    void namedLocations() {
        assertThat(PolicyValidator.validate(new IpNamedLocation("ip", "Empty", List.of(), true)))
                .extracting(ValidationProblem::toString)
                .containsExactly("ipRanges: an IP named location needs at least one range");
        assertThat(PolicyValidator.validate(new CountryNamedLocation("c", "Countries", ordered("DE", "de", "XX"), false)))
                .extracting(ValidationProblem::path)
                .containsExactly("countriesAndRegions[1]", "countriesAndRegions[2]");
        assertThat(PolicyValidator.validate(new CountryNamedLocation("c", "Countries", Set.of(), false)))
                .extracting(ValidationProblem::path).containsExactly("countriesAndRegions");
        assertThat(PolicyValidator.validate(new CountryNamedLocation("c", "Unknown only", Set.of(), true))).isEmpty();
        assertThat(PolicyValidator.validate(new CountryNamedLocation(" ", " ", Set.of("DE"), false)))
                .extracting(ValidationProblem::path).containsExactly("displayName");
    }

    @Test
    void strengths() {
        assertThat(PolicyValidator.validate(new AuthenticationStrength("s", "S", null, Set.of(), false)))
                .extracting(ValidationProblem::toString)
                .containsExactly("allowedCombinations: list at least one combination of methods");
        assertThat(PolicyValidator.validate(new AuthenticationStrength("", "", "", Set.of(
                MethodCombination.of(AuthenticationMethod.PASSKEY)), false)))
                .extracting(ValidationProblem::path).containsExactly("displayName");
    }

    @Test
    void theWholeSetPrefixesPathsAndFindsDuplicates() {
        ConditionalAccessPolicy ok = policy(allUsersAllApps(), mfa());
        ConditionalAccessPolicy badCountryRef = policy(allUsersAllApps()
                .withLocations(new LocationsCondition(ordered("home", "office", "nowhere"), Set.of())), mfa());
        AuthenticationStrength shadowingBuiltIn = new AuthenticationStrength(AuthenticationStrength.MFA_ID, "Mine", "",
                Set.of(MethodCombination.of(AuthenticationMethod.PASSWORD)), false);

        List<String> problems = PolicySet.validate(List.of(ok, badCountryRef),
                        List.of(OFFICE, new CountryNamedLocation("office", "Again", Set.of("D1"), false)),
                        List.of(shadowingBuiltIn))
                .stream().map(ValidationProblem::toString).toList();

        assertThat(problems).containsExactly(
                "namedLocations[1].countriesAndRegions[0]: 'D1' is not an ISO 3166-1 alpha-2 country code"
                        + " (two capital letters, e.g. DE)",
                "namedLocations[1].id: duplicate id 'office'",
                "authenticationStrengths[0].id: duplicate or built-in id '" + AuthenticationStrength.MFA_ID + "'",
                "policies[1].conditions.locations.includeLocations[0]: unknown named location 'home'",
                "policies[1].conditions.locations.includeLocations[2]: unknown named location 'nowhere'",
                "policies[1].id: duplicate id 'p1'");
    }

    @Test
    void policySetOfRefusesAnInvalidSetWithItsProblems() {
        ConditionalAccessPolicy bad = policy(allUsersAllApps(), GrantControls.requireStrength("missing"));

        assertThatExceptionOfType(PolicySet.InvalidPolicySetException.class)
                .isThrownBy(() -> PolicySet.of(List.of(bad), List.of()))
                .satisfies(e -> assertThat(e.problems()).extracting(ValidationProblem::path)
                        .containsExactly("policies[0].grantControls.authenticationStrength.id"));
    }
}
