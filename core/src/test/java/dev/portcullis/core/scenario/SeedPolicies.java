package dev.portcullis.core.scenario;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.DevicesCondition;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.TimeCondition;
import dev.portcullis.core.condition.TimeWindow;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seed rollout of a fictional organisation, as real policies and named locations: the shared
 * fixture of the scenario tests, the benchmarks and the adapter tests (core's test-jar).
 *
 * <p>The organisation works from one office (trusted IP ranges {@value #OFFICE_IPV4_RANGE} and
 * {@value #OFFICE_IPV6_RANGE}, time zone {@link #OFFICE_ZONE}). It rolls MFA out in waves: legacy
 * authentication is blocked for everyone, a pilot group gets MFA everywhere, administrators get MFA
 * and need a compliant device on the admin portals, the HR and finance apps need MFA outside the
 * office (re-asked every {@link #OUTSIDE_OFFICE_FREQUENCY}), finance staff are blocked at night from
 * outside the office on devices that are not compliant, some countries are blocked, risky sign-ins
 * are challenged or blocked, and the next wave (phishing-resistant MFA plus a compliant device for
 * HR and finance) runs in report-only mode. The break-glass account is excluded from all of it
 * except the one policy that demands phishing-resistant MFA of it.
 *
 * <p>Every id is a public constant, so a test can name the policy it expects in a decision. Sign-ins
 * start from {@link #signIn(String, Instant)}: a browser sign-in whose risk source answered "none"
 * (the builder's default is an unknown risk, which risk policies treat as matching).
 */
public final class SeedPolicies {

    private SeedPolicies() {}

    // ---- named locations -------------------------------------------------------------------

    public static final String OFFICE_NETWORK = "loc-office-network";
    public static final String BLOCKED_COUNTRIES = "loc-blocked-countries";
    public static final String OFFICE_IPV4_RANGE = "10.20.0.0/16";
    public static final String OFFICE_IPV6_RANGE = "2001:db8:20::/48";
    /** The countries the geo-block policy blocks. */
    public static final Set<String> BLOCKED_COUNTRY_CODES = Set.of("KP", "IR");

    // ---- directory: users, groups, roles, applications --------------------------------------

    /** The emergency access account: excluded from every policy but {@link #BREAK_GLASS_PHISHING_RESISTANT}. */
    public static final String BREAK_GLASS = "break-glass-1";
    public static final String PILOT_GROUP = "grp-mfa-pilot";
    public static final String FINANCE_GROUP = "grp-finance";
    public static final String ADMIN_ROLE = "realm-admin";

    /** The accountant: finance group, not in the pilot; TOTP registered. */
    public static final String ACCOUNTANT = "alice";
    /** A pilot-group member with TOTP registered. */
    public static final String PILOT_USER = "dave";
    /** An administrator with TOTP and a security key. */
    public static final String ADMIN = "carol";
    /** A new hire in the pilot group with only a password. */
    public static final String NEW_EMPLOYEE = "nina";
    /** Someone in no group and no role. */
    public static final String STAFF = "erin";

    public static final String HR_APP = "hr-portal";
    public static final String FINANCE_APP = "finance-ledger";
    public static final String WIKI_APP = "wiki";
    /** Keycloak's admin console: an admin portal. */
    public static final String ADMIN_CONSOLE = "security-admin-console";

    // ---- policy ids --------------------------------------------------------------------------

    public static final String BLOCK_LEGACY_AUTH = "seed-block-legacy-auth";
    public static final String MFA_PILOT = "seed-mfa-all-users-pilot";
    public static final String MFA_ADMINS = "seed-mfa-admins";
    public static final String ADMIN_PORTALS = "seed-admin-portals-compliant-mfa";
    public static final String MFA_REGISTRATION = "seed-mfa-to-register-security-info";
    public static final String GEO_BLOCK = "seed-block-selected-countries";
    public static final String MFA_OUTSIDE_OFFICE = "seed-mfa-outside-trusted-locations";
    public static final String BLOCK_HIGH_RISK = "seed-block-high-sign-in-risk";
    public static final String MFA_MEDIUM_RISK = "seed-mfa-medium-sign-in-risk";
    public static final String NIGHT_BLOCK = "seed-block-finance-at-night-off-network";
    public static final String BREAK_GLASS_PHISHING_RESISTANT = "seed-break-glass-phishing-resistant";
    public static final String NEXT_WAVE_REPORT_ONLY = "seed-report-only-phishing-resistant-finance";

    /** How long an MFA outside the office keeps counting. */
    public static final Duration OUTSIDE_OFFICE_FREQUENCY = Duration.ofHours(8);

    // ---- time --------------------------------------------------------------------------------

    public static final ZoneId OFFICE_ZONE = ZoneId.of("Europe/Berlin");
    /** Working hours every day; the night block applies outside them. */
    public static final TimeWindow WORKING_HOURS =
            new TimeWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(6, 0), LocalTime.of(22, 0), OFFICE_ZONE);
    /** A Wednesday in winter (CET) on which every story happens. */
    public static final LocalDate STORY_DAY = LocalDate.of(2026, 3, 11);

    /** The instant of {@code hour:minute} office time on {@link #STORY_DAY}. */
    public static Instant officeTime(int hour, int minute) {
        return STORY_DAY.atTime(hour, minute).atZone(OFFICE_ZONE).toInstant();
    }

    // ---- addresses ---------------------------------------------------------------------------

    public static final String OFFICE_IPV4 = "10.20.1.15";
    public static final String OFFICE_IPV6 = "2001:db8:20::15";
    public static final String HOME_IP = "198.51.100.23";
    public static final String HOTEL_IP = "203.0.113.80";
    public static final String BLOCKED_COUNTRY_IP = "192.0.2.66";

    // ---- devices -----------------------------------------------------------------------------

    public static DeviceState compliantLaptop() {
        return new DeviceState.Known("laptop-0042", true, true, "Company", "AzureAD", Optional.of(DevicePlatform.WINDOWS));
    }

    public static DeviceState personalPhone() {
        return new DeviceState.Known("phone-personal", false, false, "Personal", "Workplace",
                Optional.of(DevicePlatform.ANDROID));
    }

    // ---- the fixture -------------------------------------------------------------------------

    public static IpNamedLocation officeNetwork() {
        return new IpNamedLocation(OFFICE_NETWORK, "Office network",
                List.of(IpRange.of(OFFICE_IPV4_RANGE), IpRange.of(OFFICE_IPV6_RANGE)), true);
    }

    public static CountryNamedLocation blockedCountries() {
        return new CountryNamedLocation(BLOCKED_COUNTRIES, "Blocked countries", BLOCKED_COUNTRY_CODES, false);
    }

    public static List<NamedLocation> namedLocations() {
        return List.of(officeNetwork(), blockedCountries());
    }

    /** Every seed policy, in the order an administrator created them. */
    public static List<ConditionalAccessPolicy> policies() {
        return List.of(
                blockLegacyAuthentication(),
                mfaForPilot(),
                mfaForAdmins(),
                adminPortals(),
                mfaToRegisterSecurityInfo(),
                geoBlock(),
                mfaOutsideOffice(),
                blockHighRisk(),
                mfaForMediumRisk(),
                nightBlock(),
                breakGlassPhishingResistant(),
                nextWaveReportOnly());
    }

    /** The seed policies with their named locations, validated. */
    public static PolicySet policySet() {
        return PolicySet.of(policies(), namedLocations());
    }

    /** The seed set plus further policies (ids must be new). */
    public static PolicySet policySetWith(ConditionalAccessPolicy... extra) {
        List<ConditionalAccessPolicy> all = new ArrayList<>(policies());
        all.addAll(List.of(extra));
        return PolicySet.of(all, namedLocations());
    }

    /** The seed set without the given policies. */
    public static PolicySet policySetWithout(String... policyIds) {
        Set<String> drop = Set.of(policyIds);
        return PolicySet.of(policies().stream().filter(p -> !drop.contains(p.id())).toList(), namedLocations());
    }

    /** Everyone except the break-glass account. */
    public static UsersCondition everyone() {
        return UsersCondition.all().excludingUsers(BREAK_GLASS);
    }

    public static ConditionalAccessPolicy blockLegacyAuthentication() {
        return enabled(BLOCK_LEGACY_AUTH, "Block legacy authentication",
                Conditions.of(everyone(), ApplicationsCondition.all())
                        .withClientAppTypes(ClientAppTypesCondition.of(
                                ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER)),
                GrantControls.block());
    }

    public static ConditionalAccessPolicy mfaForPilot() {
        return enabled(MFA_PILOT, "Require MFA for all users",
                Conditions.of(UsersCondition.groups(PILOT_GROUP).excludingUsers(BREAK_GLASS), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA));
    }

    public static ConditionalAccessPolicy mfaForAdmins() {
        return enabled(MFA_ADMINS, "Require MFA for admins",
                Conditions.of(UsersCondition.roles(ADMIN_ROLE).excludingUsers(BREAK_GLASS), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA));
    }

    public static ConditionalAccessPolicy adminPortals() {
        return enabled(ADMIN_PORTALS, "Require compliant device and MFA for admin portals",
                Conditions.of(UsersCondition.roles(ADMIN_ROLE).excludingUsers(BREAK_GLASS),
                        ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS)),
                GrantControls.require(GrantOperator.AND, BuiltInControl.COMPLIANT_DEVICE, BuiltInControl.MFA));
    }

    public static ConditionalAccessPolicy mfaToRegisterSecurityInfo() {
        return enabled(MFA_REGISTRATION, "Require MFA to register security info",
                Conditions.of(everyone(), ApplicationsCondition.userAction(
                                Target.REGISTER_SECURITY_INFO))
                        .withLocations(LocationsCondition.allExcept(LocationsCondition.ALL_TRUSTED)),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA));
    }

    public static ConditionalAccessPolicy geoBlock() {
        return enabled(GEO_BLOCK, "Block access from selected countries",
                Conditions.of(everyone(), ApplicationsCondition.all())
                        .withLocations(LocationsCondition.include(BLOCKED_COUNTRIES)),
                GrantControls.block());
    }

    public static ConditionalAccessPolicy mfaOutsideOffice() {
        return new ConditionalAccessPolicy(MFA_OUTSIDE_OFFICE, "Require MFA outside trusted locations",
                PolicyState.ENABLED,
                Conditions.of(everyone(), ApplicationsCondition.apps(HR_APP, FINANCE_APP))
                        .withLocations(LocationsCondition.allExcept(LocationsCondition.ALL_TRUSTED)),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA),
                SessionControls.signInFrequency(SignInFrequency.of(OUTSIDE_OFFICE_FREQUENCY)));
    }

    public static ConditionalAccessPolicy blockHighRisk() {
        return enabled(BLOCK_HIGH_RISK, "Block high-risk sign-ins",
                Conditions.of(everyone(), ApplicationsCondition.all())
                        .withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of(RiskLevel.HIGH))),
                GrantControls.block());
    }

    public static ConditionalAccessPolicy mfaForMediumRisk() {
        return enabled(MFA_MEDIUM_RISK, "Require MFA for medium-risk sign-ins",
                Conditions.of(everyone(), ApplicationsCondition.all())
                        .withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of(RiskLevel.MEDIUM))),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA));
    }

    /** The 3 AM rule: finance staff, off the office network, on a device that is not compliant, at night. */
    public static ConditionalAccessPolicy nightBlock() {
        return enabled(NIGHT_BLOCK, "Block finance apps at night outside the office on non-compliant devices",
                Conditions.of(UsersCondition.groups(FINANCE_GROUP).excludingUsers(BREAK_GLASS),
                                ApplicationsCondition.apps(HR_APP, FINANCE_APP))
                        .withLocations(LocationsCondition.allExcept(LocationsCondition.ALL_TRUSTED))
                        .withDevices(DevicesCondition.of(DevicesCondition.Mode.EXCLUDE, "device.isCompliant -eq True"))
                        .withTimes(TimeCondition.outside(WORKING_HOURS)),
                GrantControls.block());
    }

    public static ConditionalAccessPolicy breakGlassPhishingResistant() {
        return enabled(BREAK_GLASS_PHISHING_RESISTANT, "Require phishing-resistant MFA for emergency access",
                Conditions.of(new UsersCondition(Set.of(BREAK_GLASS), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()),
                        ApplicationsCondition.all()),
                GrantControls.requireStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID));
    }

    /** The next wave, in report-only mode: phishing-resistant MFA and a compliant device for HR and finance. */
    public static ConditionalAccessPolicy nextWaveReportOnly() {
        return new ConditionalAccessPolicy(NEXT_WAVE_REPORT_ONLY,
                "Require phishing-resistant MFA and a compliant device for HR and finance (report-only)",
                PolicyState.REPORT_ONLY,
                Conditions.of(everyone(), ApplicationsCondition.apps(HR_APP, FINANCE_APP)),
                GrantControls.require(GrantOperator.AND, BuiltInControl.COMPLIANT_DEVICE)
                        .withStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID),
                SessionControls.none());
    }

    private static ConditionalAccessPolicy enabled(String id, String name, Conditions conditions, GrantControls grant) {
        return new ConditionalAccessPolicy(id, name, PolicyState.ENABLED, conditions, grant, SessionControls.none());
    }

    // ---- people ------------------------------------------------------------------------------

    /**
     * A browser sign-in at {@code time} whose risk source answered "none" for both risks, with the
     * password satisfied at that instant and nothing else known (no address, device or country).
     */
    public static SignIn.Builder signIn(String userId, Instant time) {
        return SignIn.builder(userId, time)
                .signInRisk(RiskLevel.NONE)
                .userRisk(RiskLevel.NONE)
                .satisfied(AuthenticationMethod.PASSWORD, time);
    }

    /** The accountant at her compliant laptop in the office, opening the finance app. */
    public static SignIn.Builder accountantInOffice(Instant time) {
        return signIn(ACCOUNTANT, time)
                .groups(FINANCE_GROUP)
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP)
                .application(FINANCE_APP)
                .ipAddress(OFFICE_IPV4)
                .country("DE")
                .platform(DevicePlatform.WINDOWS)
                .device(compliantLaptop());
    }

    public static SignIn.Builder pilotUser(Instant time) {
        return signIn(PILOT_USER, time)
                .groups(PILOT_GROUP)
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP);
    }

    public static SignIn.Builder admin(Instant time) {
        return signIn(ADMIN, time)
                .roles(ADMIN_ROLE)
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP, AuthenticationMethod.SECURITY_KEY);
    }

    public static SignIn.Builder newEmployee(Instant time) {
        return signIn(NEW_EMPLOYEE, time)
                .groups(PILOT_GROUP)
                .registered(AuthenticationMethod.PASSWORD);
    }

    /** The break-glass account, which is (wrongly, but realistically) also in the pilot group. */
    public static SignIn.Builder breakGlass(Instant time) {
        return signIn(BREAK_GLASS, time)
                .groups(PILOT_GROUP)
                .roles(ADMIN_ROLE)
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.PASSKEY);
    }
}
