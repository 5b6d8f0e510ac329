package dev.portcullis.benchmarks.evaluator;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.DevicesCondition;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.PlatformsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The seed rollout (block legacy authentication, MFA for a pilot group with break-glass excluded,
 * MFA for high-risk apps outside the office, compliant device + MFA for admin portals, a geo-block,
 * MFA to register security info, block high sign-in risk) grown to any number of policies the way a
 * tenant grows: more groups and more applications, each policy with a realistic mix of conditions.
 * Deterministic for a seed.
 */
public final class RolloutAtScale {

    static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    static final String BREAK_GLASS = "break-glass";

    private final int groups;
    private final int apps;

    private RolloutAtScale(int size) {
        this.groups = Math.max(40, size / 2);
        this.apps = Math.max(20, size / 4);
    }

    public static PolicySet policies(int size, long seed) {
        return new RolloutAtScale(size).build(size, new Random(seed));
    }

    public static SignIn[] signIns(int size, int count, long seed) {
        return new RolloutAtScale(size).signIns(count, new Random(seed ^ 0x5DEECE66DL));
    }

    private PolicySet build(int size, Random random) {
        List<ConditionalAccessPolicy> list = new ArrayList<>(seed());
        for (int i = list.size(); i < size; i++) {
            list.add(extra(i, random));
        }
        return PolicySet.of(list, List.of(
                new IpNamedLocation("office", "Office", List.of(IpRange.of("10.20.0.0/16"), IpRange.of("2001:db8:20::/48")), true),
                new CountryNamedLocation("blocked", "Blocked countries", Set.of("KP", "IR", "SY"), false)));
    }

    private static List<ConditionalAccessPolicy> seed() {
        UsersCondition everyone = UsersCondition.all().excludingUsers(BREAK_GLASS);
        return List.of(
                policy("legacy", PolicyState.ENABLED, Conditions.of(everyone, ApplicationsCondition.all())
                        .withClientAppTypes(ClientAppTypesCondition.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER)),
                        GrantControls.block()),
                policy("pilot-mfa", PolicyState.ENABLED, Conditions.of(UsersCondition.groups("g-pilot")
                        .excludingUsers(BREAK_GLASS), ApplicationsCondition.all()), mfa()),
                policy("high-risk-apps", PolicyState.ENABLED, Conditions.of(everyone, ApplicationsCondition.apps("hr", "finance"))
                        .withLocations(new LocationsCondition(Set.of(LocationsCondition.ALL), Set.of(LocationsCondition.ALL_TRUSTED))),
                        mfa()),
                policy("admin-portals", PolicyState.ENABLED, Conditions.of(UsersCondition.roles("admin").excludingUsers(BREAK_GLASS),
                        ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS)),
                        GrantControls.require(GrantOperator.AND, BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE)),
                policy("geo-block", PolicyState.ENABLED, Conditions.of(everyone, ApplicationsCondition.all())
                        .withLocations(LocationsCondition.include("blocked")), GrantControls.block()),
                policy("register-security-info", PolicyState.ENABLED, Conditions.of(everyone,
                        ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO))
                        .withLocations(new LocationsCondition(Set.of(LocationsCondition.ALL), Set.of(LocationsCondition.ALL_TRUSTED))),
                        mfa()),
                policy("high-sign-in-risk", PolicyState.ENABLED, Conditions.of(everyone, ApplicationsCondition.all())
                        .withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of(RiskLevel.HIGH))),
                        GrantControls.block()),
                policy("next-wave", PolicyState.REPORT_ONLY, Conditions.of(UsersCondition.groups("g-1", "g-2")
                        .excludingUsers(BREAK_GLASS), ApplicationsCondition.all()), mfa()));
    }

    private ConditionalAccessPolicy extra(int i, Random random) {
        Set<String> groupIds = new LinkedHashSet<>();
        for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
            groupIds.add("g-" + random.nextInt(groups));
        }
        Set<String> appIds = new LinkedHashSet<>();
        for (int k = 0, n = 1 + random.nextInt(2); k < n; k++) {
            appIds.add("app-" + random.nextInt(apps));
        }
        Conditions conditions = Conditions.of(new UsersCondition(Set.of(), Set.of(BREAK_GLASS), groupIds, Set.of(),
                Set.of(), Set.of()), new ApplicationsCondition(appIds, Set.of(), Set.of()));
        int shape = random.nextInt(10);
        if (shape < 3) {
            conditions = conditions.withLocations(LocationsCondition.allExcept("office"));
        } else if (shape < 5) {
            conditions = conditions.withClientAppTypes(ClientAppTypesCondition.of(ClientAppType.BROWSER,
                    ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS));
        } else if (shape < 7) {
            conditions = conditions.withPlatforms(new PlatformsCondition(Set.of(DevicePlatform.ALL),
                    Set.of(DevicePlatform.WINDOWS, DevicePlatform.MACOS)));
        } else if (shape < 8) {
            conditions = conditions.withDevices(DevicesCondition.of(DevicesCondition.Mode.EXCLUDE, "device.isCompliant -eq True"));
        }
        int kind = random.nextInt(10);
        GrantControls grant = kind < 7 ? mfa()
                : kind < 9 ? GrantControls.block()
                : GrantControls.requireStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID);
        int state = random.nextInt(10);
        return policy("p-" + i, state < 8 ? PolicyState.ENABLED : state < 9 ? PolicyState.REPORT_ONLY : PolicyState.DISABLED,
                conditions, grant);
    }

    private SignIn[] signIns(int count, Random random) {
        SignIn[] result = new SignIn[count];
        String[] outside = {"198.51.100.7", "203.0.113.9", "2001:db8:99::5", "192.0.2.44"};
        String[] countries = {"DE", "FR", "US", "KP"};
        for (int i = 0; i < count; i++) {
            Set<String> userGroups = new LinkedHashSet<>();
            for (int k = 0, n = 5 + random.nextInt(6); k < n; k++) {
                userGroups.add("g-" + random.nextInt(groups));
            }
            if (random.nextInt(5) == 0) {
                userGroups.add("g-pilot");
            }
            boolean office = random.nextBoolean();
            int appPick = random.nextInt(10);
            Target target = appPick == 0 ? Target.application("hr") : appPick == 1 ? Target.application("finance")
                    : appPick == 2 ? Target.adminPortal("security-admin-console") : Target.application("app-" + random.nextInt(apps));
            SignIn.Builder builder = SignIn.builder("user-" + i, NOW)
                    .groups(userGroups.toArray(String[]::new))
                    .roles(random.nextInt(20) == 0 ? new String[] {"admin"} : new String[0])
                    .target(target)
                    .clientAppType(random.nextInt(10) == 0 ? ClientAppType.OTHER : ClientAppType.BROWSER)
                    .ipAddress(office ? "10.20." + random.nextInt(256) + "." + random.nextInt(256) : outside[random.nextInt(outside.length)])
                    .country(office ? "DE" : countries[random.nextInt(random.nextInt(20) == 0 ? 4 : 3)])
                    .platform(random.nextBoolean() ? DevicePlatform.WINDOWS : DevicePlatform.IOS)
                    .device(random.nextInt(5) < 2 ? new DeviceState.Known("d-" + i, true, true, "company", "AzureAD",
                            Optional.of(DevicePlatform.WINDOWS)) : DeviceState.UNKNOWN)
                    .signInRisk(random.nextInt(20) == 0 ? RiskLevel.HIGH : RiskLevel.NONE)
                    .userRisk(RiskLevel.NONE)
                    .satisfied(AuthenticationMethod.PASSWORD, NOW);
            if (random.nextInt(10) < 3) {
                builder.satisfied(AuthenticationMethod.TOTP, NOW);
            }
            builder.registered(random.nextInt(10) < 8
                    ? new AuthenticationMethod[] {AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP}
                    : new AuthenticationMethod[] {AuthenticationMethod.PASSWORD});
            result[i] = builder.build();
        }
        return result;
    }

    private static GrantControls mfa() {
        return GrantControls.require(GrantOperator.OR, BuiltInControl.MFA);
    }

    private static ConditionalAccessPolicy policy(String id, PolicyState state, Conditions conditions, GrantControls grant) {
        return new ConditionalAccessPolicy(id, id, state, conditions, grant, SessionControls.none());
    }
}
