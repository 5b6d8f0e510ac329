package dev.portcullis.core.evaluation;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.DevicesCondition;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.PlatformsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.TimeCondition;
import dev.portcullis.core.condition.TimeWindow;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpAddress;
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
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SatisfiedMethod;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.signin.UserIdentity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of valid policies and of sign-ins over one small directory, so that random policies
 * and random sign-ins meet often: a handful of users, groups, roles, apps and named locations, plus
 * ids that look like keywords ("None", "All", ...) to catch keyword/id confusion.
 */
final class PolicyArbitraries {

    private PolicyArbitraries() {}

    static final List<String> USERS = List.of("u1", "u2", "u3");
    static final List<String> GROUPS = List.of("g1", "g2", "g3");
    static final List<String> ROLES = List.of("r1", "r2");
    static final List<String> APPS = List.of("a1", "a2", "a3");
    /** Directory ids that collide with Graph keywords: a keyword must never match them as an id. */
    static final List<String> KEYWORD_LOOKALIKES =
            List.of("None", "All", "GuestsOrExternalUsers", "MicrosoftAdminPortals", "AllTrusted");

    static final IpNamedLocation OFFICE = new IpNamedLocation("loc-office", "Office",
            List.of(IpRange.of("10.0.0.0/8"), IpRange.of("2001:db8::/32")), true);
    static final IpNamedLocation PARTNER = new IpNamedLocation("loc-partner", "Partner",
            List.of(IpRange.of("192.0.2.0/24")), false);
    static final CountryNamedLocation COUNTRIES = new CountryNamedLocation("loc-countries", "DE and FR",
            Set.of("DE", "FR"), false);
    static final CountryNamedLocation UNKNOWN_COUNTRIES = new CountryNamedLocation("loc-unknown", "Unknown countries",
            Set.of(), true);
    static final List<NamedLocation> LOCATIONS = List.of(OFFICE, PARTNER, COUNTRIES, UNKNOWN_COUNTRIES);

    static final AuthenticationStrength CUSTOM_STRENGTH = new AuthenticationStrength("custom-otp-or-push",
            "TOTP or push", "", Set.of(MethodCombination.of(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP),
                    MethodCombination.of(AuthenticationMethod.PASSWORD, AuthenticationMethod.PUSH)), false);
    static final List<AuthenticationStrength> CUSTOM_STRENGTHS = List.of(CUSTOM_STRENGTH);

    static final Instant BASE_TIME = Instant.parse("2026-03-09T00:00:00Z"); // a Monday

    static PolicySet policySet(List<ConditionalAccessPolicy> policies) {
        return PolicySet.of(policies, LOCATIONS, CUSTOM_STRENGTHS);
    }

    // ---- policies --------------------------------------------------------------------------------

    /** Valid policies with ids p0, p1, ... (unique), in any state. */
    static Arbitrary<List<ConditionalAccessPolicy>> policyLists(int maxSize) {
        return policies().list().ofMaxSize(maxSize).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> withId(list.get(i), "p" + i)).toList());
    }

    /**
     * Like {@link #policyLists}, but a third of the policies target registering security info, so
     * the registration gate (a step-up or a block before a user may register) is often in play.
     */
    static Arbitrary<List<ConditionalAccessPolicy>> policyListsAroundRegistration(int maxSize) {
        // Registration policies block more often than others: a refused registration is the hard case.
        Arbitrary<GrantControls> registrationGrants = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(GrantControls.block())), Tuple.of(3, grantControls()));
        Arbitrary<ConditionalAccessPolicy> onRegistration = Combinators.combine(policies(), registrationGrants)
                .as((p, grant) -> {
                    Conditions c = p.conditions();
                    return new ConditionalAccessPolicy(p.id(), p.displayName(), p.state(),
                            new Conditions(c.users(), ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO),
                                    c.clientAppTypes(), c.locations(), c.platforms(), c.signInRiskLevels(),
                                    c.userRiskLevels(), c.devices(), c.times()),
                            grant, p.sessionControls());
                });
        return Arbitraries.frequencyOf(Tuple.of(1, onRegistration), Tuple.of(2, policies()))
                .list().ofMaxSize(maxSize)
                .map(list -> IntStream.range(0, list.size()).mapToObj(i -> withId(list.get(i), "p" + i)).toList());
    }

    static ConditionalAccessPolicy withId(ConditionalAccessPolicy p, String id) {
        return new ConditionalAccessPolicy(id, "Policy " + id, p.state(), p.conditions(), p.grantControls(),
                p.sessionControls());
    }

    static Arbitrary<ConditionalAccessPolicy> policies() {
        Arbitrary<PolicyState> states = Arbitraries.frequency(
                Tuple.of(6, PolicyState.ENABLED), Tuple.of(2, PolicyState.REPORT_ONLY), Tuple.of(1, PolicyState.DISABLED));
        return Combinators.combine(states, conditions(), grantControls(), sessionControls())
                .as((state, conditions, grant, session) ->
                        new ConditionalAccessPolicy("p", "Policy", state, conditions, grant, session));
    }

    static Arbitrary<Conditions> conditions() {
        Arbitrary<Conditions> base = Combinators.combine(users(), applications()).as(Conditions::of);
        return Combinators.combine(base, maybe(clientAppTypes()), maybe(locations()), maybe(platforms()),
                        maybe(risk(RiskCondition.Kind.SIGN_IN)), maybe(risk(RiskCondition.Kind.USER)), maybe(devices()),
                        maybe(times()))
                .as((c, apps, locs, platforms, signInRisk, userRisk, devices, times) -> {
                    Conditions result = c;
                    if (apps.isPresent()) {
                        result = result.withClientAppTypes(apps.get());
                    }
                    if (locs.isPresent()) {
                        result = result.withLocations(locs.get());
                    }
                    if (platforms.isPresent()) {
                        result = result.withPlatforms(platforms.get());
                    }
                    if (signInRisk.isPresent()) {
                        result = result.withSignInRisk(signInRisk.get());
                    }
                    if (userRisk.isPresent()) {
                        result = result.withUserRisk(userRisk.get());
                    }
                    if (devices.isPresent()) {
                        result = result.withDevices(devices.get());
                    }
                    if (times.isPresent()) {
                        result = result.withTimes(times.get());
                    }
                    return result;
                });
    }

    static Arbitrary<UsersCondition> users() {
        List<String> includableUsers = new ArrayList<>(USERS);
        includableUsers.add(UsersCondition.GUESTS_OR_EXTERNAL_USERS);
        Arbitrary<Set<String>> someUsers = Arbitraries.subsetOf(includableUsers).ofMaxSize(2);
        Arbitrary<Set<String>> someGroups = Arbitraries.subsetOf(GROUPS).ofMaxSize(2);
        Arbitrary<Set<String>> someRoles = Arbitraries.subsetOf(ROLES).ofMaxSize(1);
        Arbitrary<UsersCondition> specific = Combinators.combine(someUsers, someGroups, someRoles)
                .as((u, g, r) -> u.isEmpty() && g.isEmpty() && r.isEmpty()
                        ? new UsersCondition(Set.of("u1"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of())
                        : new UsersCondition(u, Set.of(), g, Set.of(), r, Set.of()));
        Arbitrary<UsersCondition> include = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(UsersCondition.all())),
                Tuple.of(1, Arbitraries.just(new UsersCondition(Set.of(UsersCondition.NONE), Set.of(), Set.of(), Set.of(),
                        Set.of(), Set.of()))),
                Tuple.of(6, specific));
        Arbitrary<Set<String>> excludeUsers = Arbitraries.subsetOf(includableUsers).ofMaxSize(1);
        Arbitrary<Set<String>> excludeGroups = Arbitraries.subsetOf(GROUPS).ofMaxSize(1);
        Arbitrary<Set<String>> excludeRoles = Arbitraries.subsetOf(ROLES).ofMaxSize(1);
        Arbitrary<Boolean> excludes = Arbitraries.of(true, false, false);
        return Combinators.combine(include, excludes, excludeUsers, excludeGroups, excludeRoles)
                .as((in, any, xu, xg, xr) -> any
                        ? new UsersCondition(in.includeUsers(), xu, in.includeGroups(), xg, in.includeRoles(), xr)
                        : in);
    }

    static Arbitrary<ApplicationsCondition> applications() {
        List<String> includable = new ArrayList<>(APPS);
        includable.add(ApplicationsCondition.ADMIN_PORTALS);
        Arbitrary<ApplicationsCondition> some = Arbitraries.subsetOf(includable).ofMinSize(1).ofMaxSize(2)
                .map(apps -> new ApplicationsCondition(apps, Set.of(), Set.of()));
        Arbitrary<ApplicationsCondition> targets = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(ApplicationsCondition.all())),
                Tuple.of(1, Arbitraries.just(ApplicationsCondition.apps(ApplicationsCondition.NONE))),
                Tuple.of(6, some),
                Tuple.of(2, Arbitraries.of(Target.REGISTER_SECURITY_INFO, Target.REGISTER_DEVICE)
                        .map(ApplicationsCondition::userAction)));
        Arbitrary<Set<String>> excluded = Arbitraries.subsetOf(includable).ofMaxSize(1);
        return Combinators.combine(targets, excluded).as((t, x) -> t.includeUserActions().isEmpty()
                ? new ApplicationsCondition(t.includeApplications(), x, Set.of())
                : t);
    }

    static Arbitrary<ClientAppTypesCondition> clientAppTypes() {
        List<ClientAppType> concrete = List.of(ClientAppType.BROWSER, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS,
                ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(ClientAppTypesCondition.of(ClientAppType.ALL))),
                Tuple.of(4, Arbitraries.subsetOf(concrete).ofMinSize(1).map(ClientAppTypesCondition::new)));
    }

    static Arbitrary<LocationsCondition> locations() {
        List<String> ids = new ArrayList<>(LOCATIONS.stream().map(NamedLocation::id).toList());
        ids.add(LocationsCondition.ALL_TRUSTED);
        Arbitrary<Set<String>> include = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Set.of(LocationsCondition.ALL))),
                Tuple.of(3, Arbitraries.subsetOf(ids).ofMinSize(1).ofMaxSize(2)));
        return Combinators.combine(include, Arbitraries.subsetOf(ids).ofMaxSize(2)).as(LocationsCondition::new);
    }

    static Arbitrary<PlatformsCondition> platforms() {
        List<DevicePlatform> concrete = List.of(DevicePlatform.ANDROID, DevicePlatform.IOS, DevicePlatform.WINDOWS,
                DevicePlatform.MACOS, DevicePlatform.LINUX);
        Arbitrary<Set<DevicePlatform>> include = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Set.of(DevicePlatform.ALL))),
                Tuple.of(3, Arbitraries.subsetOf(concrete).ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(include, Arbitraries.subsetOf(concrete).ofMaxSize(2)).as(PlatformsCondition::new);
    }

    static Arbitrary<RiskCondition> risk(RiskCondition.Kind kind) {
        return Arbitraries.subsetOf(RiskLevel.NONE, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH).ofMinSize(1)
                .map(levels -> new RiskCondition(kind, levels));
    }

    static Arbitrary<DevicesCondition> devices() {
        return Combinators.combine(Arbitraries.of(DevicesCondition.Mode.class), Arbitraries.of(
                        "device.isCompliant -eq True",
                        "device.deviceOwnership -eq 'Company'",
                        "device.isManaged -eq True -and device.trustType -in ['AzureAD', 'ServerAD']",
                        "(device.isCompliant -eq True -or device.isManaged -eq True) -and device.operatingSystem -ne 'android'"))
                .as(DevicesCondition::of);
    }

    static Arbitrary<TimeCondition> times() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Arbitrary<TimeWindow> windows = Arbitraries.of(
                new TimeWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(19, 0),
                        berlin),
                new TimeWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(6, 0), berlin),
                new TimeWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                        ZoneId.of("UTC")));
        return Combinators.combine(windows.list().ofMaxSize(2), windows.list().ofMaxSize(1))
                .as(TimeCondition::new)
                .filter(t -> !t.includeWindows().isEmpty() || !t.excludeWindows().isEmpty());
    }

    static Arbitrary<GrantControls> grantControls() {
        Arbitrary<Set<BuiltInControl>> controls = Arbitraries.subsetOf(BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE,
                BuiltInControl.PASSWORD_CHANGE, BuiltInControl.APPROVED_APPLICATION).ofMaxSize(2);
        Arbitrary<Optional<String>> strength = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(2, Arbitraries.of(AuthenticationStrength.MFA_ID, AuthenticationStrength.PASSWORDLESS_MFA_ID,
                        AuthenticationStrength.PHISHING_RESISTANT_MFA_ID, CUSTOM_STRENGTH.id()).map(Optional::of)));
        Arbitrary<GrantControls> grant = Combinators.combine(Arbitraries.of(GrantOperator.class), controls, strength)
                .as((op, builtIn, s) -> {
                    Set<BuiltInControl> c = new HashSet<>(builtIn);
                    Optional<String> st = c.contains(BuiltInControl.MFA) ? Optional.empty() : s;
                    if (c.isEmpty() && st.isEmpty()) {
                        c.add(BuiltInControl.MFA);
                    }
                    return new GrantControls(op, c, st, Set.of(), Set.of());
                });
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(GrantControls.block())), Tuple.of(4, grant));
    }

    static Arbitrary<SessionControls> sessionControls() {
        return Arbitraries.frequency(
                Tuple.of(6, SessionControls.none()),
                Tuple.of(1, SessionControls.signInFrequency(SignInFrequency.everyTime())),
                Tuple.of(1, SessionControls.signInFrequency(SignInFrequency.of(Duration.ofHours(1)))),
                Tuple.of(1, SessionControls.signInFrequency(SignInFrequency.of(Duration.ofHours(8)))));
    }

    /** Present in about a third of the policies: most conditions are left unconfigured. */
    static <T> Arbitrary<Optional<T>> maybe(Arbitrary<T> arbitrary) {
        return arbitrary.optional(0.3);
    }

    // ---- sign-ins --------------------------------------------------------------------------------

    static Arbitrary<SignIn> signIns() {
        Arbitrary<String> userIds = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(USERS)), Tuple.of(1, Arbitraries.of(KEYWORD_LOOKALIKES)));
        Arbitrary<UserIdentity> users = Combinators.combine(userIds, Arbitraries.subsetOf(GROUPS),
                        Arbitraries.subsetOf(ROLES), Arbitraries.of(false, false, false, true))
                .as(UserIdentity::new);
        Arbitrary<String> clientIds = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(APPS)), Tuple.of(1, Arbitraries.of(KEYWORD_LOOKALIKES)));
        Arbitrary<Target> targets = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(clientIds, Arbitraries.of(false, false, true))
                        .as(Target.Application::new)),
                Tuple.of(2, Arbitraries.of(Target.REGISTER_SECURITY_INFO, Target.REGISTER_DEVICE)
                        .map(Target.UserAction::new)));
        Arbitrary<ClientAppType> clientAppTypes = Arbitraries.of(ClientAppType.BROWSER, ClientAppType.BROWSER,
                ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS, ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER);
        Arbitrary<String> ips = Arbitraries.of("", "10.1.2.3", "::ffff:10.1.2.3", "2001:db8::5", "192.0.2.10",
                "198.51.100.1", "2001:db9::1", "11.0.0.0");
        Arbitrary<String> countries = Arbitraries.of("", "DE", "FR", "US", "KP");
        Arbitrary<Optional<DevicePlatform>> platforms = Arbitraries.of(DevicePlatform.ANDROID, DevicePlatform.IOS,
                DevicePlatform.WINDOWS, DevicePlatform.MACOS, DevicePlatform.LINUX).optional(0.8);
        Arbitrary<DeviceState> devices = Arbitraries.of(DeviceState.UNKNOWN,
                new DeviceState.Known("d1", true, true, "Company", "AzureAD", Optional.of(DevicePlatform.WINDOWS)),
                new DeviceState.Known("d2", false, true, "Company", "ServerAD", Optional.of(DevicePlatform.ANDROID)),
                new DeviceState.Known("d3", false, false, "Personal", "Workplace", Optional.empty()));
        Arbitrary<SignIn.Builder> who = Combinators.combine(users, targets, clientAppTypes, ips, countries, platforms,
                        devices)
                .as((user, target, type, ip, country, platform, device) -> SignIn.builder(user.id(), BASE_TIME)
                        .user(user).target(target).clientAppType(type)
                        .ipAddress(ip.isEmpty() ? Optional.empty() : IpAddress.parse(ip))
                        .country(country.isEmpty() ? null : country)
                        .platform(platform.orElse(null))
                        .device(device));
        Arbitrary<RiskLevel> risks = Arbitraries.of(RiskLevel.class);
        Arbitrary<Integer> hours = Arbitraries.integers().between(0, 24 * 7 - 1);
        Arbitrary<List<SatisfiedMethod>> used = Combinators.combine(
                        Arbitraries.of(AuthenticationMethod.class),
                        Arbitraries.of(Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(10),
                                Duration.ofDays(3)))
                .as((m, age) -> new Object[] {m, age})
                .list().ofMaxSize(3)
                .map(list -> list.stream().map(o -> new SatisfiedMethod((AuthenticationMethod) o[0],
                        BASE_TIME.minus((Duration) o[1]))).toList());
        Arbitrary<Set<AuthenticationMethod>> registered = Arbitraries.subsetOf(AuthenticationMethod.class.getEnumConstants())
                .ofMaxSize(3);
        Arbitrary<Optional<Duration>> passwordChanged = Arbitraries.of(Duration.ZERO, Duration.ofDays(1)).optional(0.2);
        return Combinators.combine(who, risks, risks, hours, used, registered, passwordChanged)
                .as((b, signInRisk, userRisk, hour, methods, reg, changed) -> {
                    Instant time = BASE_TIME.plus(Duration.ofHours(hour));
                    return b.time(time).signInRisk(signInRisk).userRisk(userRisk)
                            .satisfiedMethods(methods.stream()
                                    .map(m -> new SatisfiedMethod(m.method(), m.at().plus(Duration.ofHours(hour))))
                                    .toList())
                            .registration(new RegistrationState(reg))
                            .passwordChangedAt(changed.map(time::minus).orElse(null))
                            .build();
                });
    }
}
