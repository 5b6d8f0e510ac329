package dev.portcullis.core.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each condition on its own: include/exclude, keywords, and unknown signals. */
class ConditionsTest {

    private static final Map<String, NamedLocation> LOCATIONS = Map.of(
            "office", new IpNamedLocation("office", "Office", List.of(IpRange.of("10.20.0.0/16")), true),
            "partner", new IpNamedLocation("partner", "Partner", List.of(IpRange.of("192.0.2.0/24")), false),
            "de", new CountryNamedLocation("de", "Germany", Set.of("DE"), false));

    private static SignIn.Builder signIn() {
        return SignIn.builder("u1", Instant.parse("2026-03-11T10:00:00Z"));
    }

    private static ConditionResult eval(Condition condition, SignIn signIn) {
        return condition.evaluate(signIn, LOCATIONS);
    }

    @Test
    void usersExcludeBeatsIncludeThroughUsersGroupsRolesAndGuests() {
        UsersCondition everyoneButG2 = UsersCondition.all().excludingGroups("g2");
        UsersCondition guestsOnly = new UsersCondition(Set.of(UsersCondition.GUESTS_OR_EXTERNAL_USERS), Set.of(),
                Set.of(), Set.of(), Set.of(), Set.of());
        UsersCondition allButGuests = new UsersCondition(Set.of(UsersCondition.ALL),
                Set.of(UsersCondition.GUESTS_OR_EXTERNAL_USERS), Set.of(), Set.of(), Set.of(), Set.of());
        UsersCondition adminsButR2 = new UsersCondition(Set.of(), Set.of(), Set.of(), Set.of(), Set.of("r1"), Set.of("r2"));

        assertThat(eval(everyoneButG2, signIn().groups("g1").build()).matched()).isTrue();
        assertThat(eval(everyoneButG2, signIn().groups("g1", "g2").build()).reason())
                .isEqualTo("user is excluded through group g2");
        assertThat(eval(guestsOnly, signIn().guest(true).build()).matched()).isTrue();
        assertThat(eval(guestsOnly, signIn().build()).reason()).isEqualTo("user is not included");
        assertThat(eval(allButGuests, signIn().guest(true).build()).reason())
                .isEqualTo("guests and external users are excluded");
        assertThat(eval(adminsButR2, signIn().roles("r1").build()).matched()).isTrue();
        assertThat(eval(adminsButR2, signIn().roles("r1", "r2").build()).reason())
                .isEqualTo("user is excluded through role r2");
        assertThat(eval(UsersCondition.all().excludingUsers("u1"), signIn().build()).reason())
                .isEqualTo("user is excluded");
    }

    @Test
    void applicationsAndUserActionsAreSeparate() {
        assertThat(eval(ApplicationsCondition.all(), signIn().target(Target.registerSecurityInfo()).build()).matched())
                .as("All applications does not cover user actions").isFalse();
        assertThat(eval(ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO),
                signIn().target(Target.registerSecurityInfo()).build()).matched()).isTrue();
        assertThat(eval(ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO),
                signIn().application("app").build()).matched()).isFalse();
        assertThat(eval(ApplicationsCondition.all().excluding(ApplicationsCondition.ADMIN_PORTALS),
                signIn().target(Target.adminPortal("admin-cli")).build()).reason())
                .isEqualTo("the application is excluded");
        assertThat(eval(ApplicationsCondition.all().excluding("hr"), signIn().application("hr").build()).matched())
                .isFalse();
        assertThat(eval(ApplicationsCondition.apps(ApplicationsCondition.NONE), signIn().application("hr").build())
                .matched()).isFalse();
    }

    @Test
    void clientAppTypes() {
        assertThat(eval(ClientAppTypesCondition.of(ClientAppType.ALL),
                signIn().clientAppType(ClientAppType.OTHER).build()).matched()).isTrue();
        assertThat(eval(ClientAppTypesCondition.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER),
                signIn().build()).matched()).isFalse();
        assertThat(ClientAppType.OTHER.isLegacy()).isTrue();
        assertThat(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS.isLegacy()).isFalse();
    }

    @Test
    void locationsAllTrustedNamedAndUnknown() {
        LocationsCondition untrusted = LocationsCondition.allExcept(LocationsCondition.ALL_TRUSTED);

        assertThat(eval(untrusted, signIn().ipAddress("10.20.3.4").build()).reason())
                .isEqualTo("location AllTrusted is excluded");
        assertThat(eval(untrusted, signIn().ipAddress("192.0.2.1").build()).matched())
                .as("an untrusted IP location is not AllTrusted").isTrue();
        assertThat(eval(untrusted, signIn().build()).matched()).as("an unknown IP is never trusted").isTrue();
        assertThat(eval(LocationsCondition.include(LocationsCondition.ALL_TRUSTED), signIn().build()).reason())
                .isEqualTo("client IP is unknown, so it is in no included location");
        assertThat(eval(LocationsCondition.include("de"), signIn().country("DE").build()).matched()).isTrue();
        assertThat(eval(LocationsCondition.include("de"), signIn().ipAddress("192.0.2.1").country("FR").build()).reason())
                .isEqualTo("sign-in is from no included location");
        assertThat(eval(new LocationsCondition(Set.of("partner"), Set.of("de")),
                signIn().ipAddress("192.0.2.1").country("DE").build()).reason())
                .isEqualTo("location Germany is excluded");
        assertThat(eval(LocationsCondition.include("deleted-meanwhile"), signIn().ipAddress("10.20.3.4").build())
                .matched()).as("a location missing from a running snapshot matches nothing").isFalse();
    }

    @Test
    void platformsUnknownIsOnlyInAll() {
        PlatformsCondition allButIos = new PlatformsCondition(Set.of(DevicePlatform.ALL), Set.of(DevicePlatform.IOS));
        PlatformsCondition android = new PlatformsCondition(Set.of(DevicePlatform.ANDROID), Set.of());

        assertThat(eval(allButIos, signIn().build()).matched()).as("unknown platform, all except iOS").isTrue();
        assertThat(eval(allButIos, signIn().platform(DevicePlatform.IOS).build()).matched()).isFalse();
        assertThat(eval(android, signIn().build()).reason()).contains("unknown");
        assertThat(eval(android, signIn().platform(DevicePlatform.ANDROID).build()).matched()).isTrue();
        assertThat(eval(android, signIn().platform(DevicePlatform.WINDOWS).build()).matched()).isFalse();
    }

    @Test
    void riskUnknownMatchesAndSaysSo() {
        RiskCondition high = new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of(RiskLevel.HIGH));
        RiskCondition userHigh = new RiskCondition(RiskCondition.Kind.USER, Set.of(RiskLevel.HIGH));

        assertThat(eval(high, signIn().signInRisk(RiskLevel.HIGH).build()).matched()).isTrue();
        assertThat(eval(high, signIn().signInRisk(RiskLevel.LOW).build()).matched()).isFalse();
        ConditionResult unknown = eval(high, signIn().signInRisk(RiskLevel.UNKNOWN).build());
        assertThat(unknown.matched()).isTrue();
        assertThat(unknown.reason()).contains("fail secure");
        assertThat(eval(userHigh, signIn().signInRisk(RiskLevel.HIGH).userRisk(RiskLevel.NONE).build()).matched())
                .as("user risk is read, not sign-in risk").isFalse();
        assertThat(userHigh.name()).isEqualTo("userRiskLevels");
    }

    @Test
    void configuredConditionsComeInEvaluationOrder() {
        Conditions conditions = Conditions.of(UsersCondition.all(), ApplicationsCondition.all())
                .withTimes(TimeCondition.within(new TimeWindow(Set.of(DayOfWeek.MONDAY), LocalTime.NOON,
                        LocalTime.MIDNIGHT, ZoneOffset.UTC)))
                .withLocations(LocationsCondition.include("office"))
                .withClientAppTypes(ClientAppTypesCondition.of(ClientAppType.BROWSER));

        assertThat(conditions.configured()).extracting(Condition::name)
                .containsExactly("users", "applications", "clientAppTypes", "locations", "times");
    }
}
