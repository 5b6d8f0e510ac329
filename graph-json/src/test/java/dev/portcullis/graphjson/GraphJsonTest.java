package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.DevicesCondition;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.TimeCondition;
import dev.portcullis.core.condition.TimeWindow;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluator;
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
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.validation.ValidationProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphJsonTest {

    private final JsonText json = JsonText.shared();
    private final PolicyCodec policies = PolicyCodec.instance();

    private final NamedLocationCodec locations = NamedLocationCodec.instance();
    private final AuthenticationStrengthCodec strengths = AuthenticationStrengthCodec.instance();

    private final DeviceCodec devices = DeviceCodec.instance();
    private final SignInRecordCodec signIns = SignInRecordCodec.instance();

    private final SnapshotCodec snapshots = SnapshotCodec.instance();
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void anEntraExportImportsAsIsAndBlocksLegacyClients() throws IOException {
        ConditionalAccessPolicy policy = policies.read(resource("block-legacy-authentication.json"), ReadMode.STRICT)
                .orElseThrow();

        assertThat(policy.displayName()).isEqualTo("Block legacy authentication");
        assertThat(policy.state()).isEqualTo(PolicyState.REPORT_ONLY);
        assertThat(policy.grantControls().blocks()).isTrue();
        PolicySet set = PolicySet.of(List.of(policy.withState(PolicyState.ENABLED)), List.of());
        SignIn legacy = SignIn.builder("alice", NOW).application("mail").clientAppType(ClientAppType.OTHER).build();
        assertThat(Evaluator.evaluate(set, legacy).decision()).isInstanceOf(Decision.Block.class);
        assertThat(Evaluator.evaluate(set, legacy.toBuilder().clientAppType(ClientAppType.BROWSER).build()).decision())
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void anExportRoundTripsThroughOurWriterWithoutLosingAnything() throws IOException {
        NamedLocation office = locations.read(resource("office-network.json")).orElseThrow();
        ConditionalAccessPolicy policy = policies.read(resource("admins-phishing-resistant.json"), ReadMode.STRICT,
                Map.of(office.id(), office), strengths()).orElseThrow();

        assertThat(policy.grantControls().authenticationStrengthId()).contains(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID);
        assertThat(policy.sessionControls().signInFrequency()).contains(SignInFrequency.of(Duration.ofHours(4)));
        assertThat(policies.read(policies.write(policy), ReadMode.STRICT).orElseThrow()).isEqualTo(policy);
        assertThat(locations.read(locations.write(office)).orElseThrow()).isEqualTo(office);
    }

    @Test
    void everyProblemIsReportedWithItsFieldPath() {
        Parsed<ConditionalAccessPolicy> parsed = policies.read(tree("""
                {"displayName": "Broken", "state": "on",
                 "conditions": {"users": {"includeUsers": ["All", 7], "includeUser": []},
                                "applications": {"includeApplications": ["All"]},
                                "clientAppTypes": ["browser", "fax"],
                                "platforms": {"includePlatforms": ["beos"]},
                                "locations": {"includeLocations": ["All"], "excludeLocations": ["office", "nowhere"]}},
                 "grantControls": {"operator": "XOR", "builtInControls": ["mfa", "pray"]}}
                """), ReadMode.LENIENT, Map.of("office", office()), strengths());

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).extracting(ValidationProblem::toString).containsExactlyInAnyOrder(
                "state: unknown value 'on'; allowed: enabled, disabled, enabledForReportingButNotEnforced",
                "conditions.users.includeUser: unknown property",
                "conditions.users.includeUsers[1]: expected a string",
                "conditions.clientAppTypes[1]: unknown value 'fax'; allowed: all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, other",
                "conditions.platforms.includePlatforms[0]: unknown value 'beos'; allowed: all, android, iOS, windows, windowsPhone, macOS, linux",
                "grantControls.operator: unknown value 'XOR'; allowed: AND, OR",
                "grantControls.builtInControls[1]: unknown value 'pray'; allowed: block, mfa, compliantDevice, passwordChange, mfaRegistration, domainJoinedDevice, approvedApplication, compliantApplication",
                "conditions.locations.excludeLocations[1]: unknown named location 'nowhere'");
    }

    @Test
    void semanticProblemsComeWithPathsToo() {
        Parsed<ConditionalAccessPolicy> parsed = policies.read(tree("""
                {"displayName": "Half", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["None", "alice"]},
                                "applications": {"includeApplications": ["All"]},
                                "locations": {"includeLocations": ["All"], "excludeLocations": ["office", "nowhere"]}},
                 "grantControls": {"operator": "OR", "builtInControls": []}}
                """), ReadMode.LENIENT, Map.of("office", office()), strengths());

        assertThat(parsed.errors()).extracting(ValidationProblem::toString).contains(
                "conditions.users.includeUsers[0]: 'None' cannot be combined with other entries",
                "conditions.locations.excludeLocations[1]: unknown named location 'nowhere'",
                "grantControls: no controls: add 'block', or controls to grant access with, or session controls"
                        + " (a session-only policy)");
    }

    @Test
    void malformedJsonIsOneProblemWithItsPosition() {
        Parsed<JsonNode> parsed = json.parse("{\"displayName\": \"x\",\n \"state\": }".getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("line 2"));
        assertThat(json.parse(new byte[0]).ok()).isFalse();
        assertThat(json.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)).ok()).isFalse();
    }

    @Test
    void badRangesAndCountriesAreRejectedPrecisely() {
        Parsed<NamedLocation> ip = locations.read(tree("""
                {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "isTrusted": true,
                 "ipRanges": [{"cidrAddress": "10.0.0.0/8"}, {"cidrAddress": "10.1.2.3/33"}, {"cidrAddress": "10.1.2.3/24"}]}
                """));
        assertThat(ip.errors()).extracting(ValidationProblem::path).containsExactly("ipRanges[1].cidrAddress");
        // Graph accepts host bits (its own documentation shows 12.34.221.11/22): read as the range, and said.
        assertThat(ip.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("ipRanges[2].cidrAddress");
            assertThat(w.message()).contains("read as 10.1.2.0/24");
        });

        Parsed<NamedLocation> country = locations.read(tree("""
                {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Blocked",
                 "countriesAndRegions": ["KP", "XX", "de"]}
                """));
        assertThat(country.errors()).extracting(ValidationProblem::path)
                .containsExactly("countriesAndRegions[1]", "countriesAndRegions[2]");
    }

    @Test
    void partsWeCannotEnforceAreWarningsOrStrictErrorsNeverSilentlyDropped() {
        String policy = """
                {"id": "p-terms", "displayName": "Terms", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"],
                                          "excludeGuestsOrExternalUsers": {"guestOrExternalUserTypes": "serviceProvider"}},
                                "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["approvedApplication"], "termsOfUse": ["tou-1"]},
                 "sessionControls": {"persistentBrowser": {"mode": "never", "isEnabled": true}}}
                """;
        Parsed<ConditionalAccessPolicy> lenient = policies.read(tree(policy), ReadMode.LENIENT);
        assertThat(lenient.ok()).isTrue();
        assertThat(lenient.warnings()).extracting(ValidationProblem::path).containsExactlyInAnyOrder(
                "conditions.users.excludeGuestsOrExternalUsers", "grantControls.builtInControls", "grantControls.termsOfUse",
                "sessionControls.persistentBrowser");
        // Evaluated fail-secure: the controls can never be met, so the sign-in is refused.
        PolicySet set = PolicySet.of(List.of(lenient.value().withState(PolicyState.ENABLED)), List.of());
        assertThat(Evaluator.evaluate(set, SignIn.builder("bob", NOW).application("portal").build()).decision())
                .isInstanceOf(Decision.Block.class);

        Parsed<ConditionalAccessPolicy> strict = policies.read(tree(policy), ReadMode.STRICT);
        assertThat(strict.ok()).isFalse();
        assertThat(strict.errors()).hasSize(4);
    }

    @Test
    void strengthCombinationsUseGraphNamesAndDropWhatKeycloakCannotDo() {
        Parsed<AuthenticationStrength> parsed = strengths.read(tree("""
                {"id": "custom-1", "displayName": "Keys or app", "allowedCombinations":
                  ["fido2", "password,softwareOath", "password,sms", "password,recoveryCode"]}
                """), ReadMode.LENIENT);
        AuthenticationStrength strength = parsed.orElseThrow();
        assertThat(parsed.warnings()).extracting(ValidationProblem::path).containsExactly("allowedCombinations[2]");
        assertThat(strength.isSatisfiedBy(Set.of(AuthenticationMethod.PASSKEY))).isTrue();
        assertThat(strength.isSatisfiedBy(Set.of(AuthenticationMethod.SECURITY_KEY))).isTrue();
        assertThat(strength.isSatisfiedBy(Set.of(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP))).isTrue();
        assertThat(strength.isSatisfiedBy(Set.of(AuthenticationMethod.PASSWORD))).isFalse();
        assertThat(strengths.read(strengths.write(strength), ReadMode.STRICT)
                .orElseThrow().allowedCombinations()).isEqualTo(strength.allowedCombinations());
    }

    @Test
    void aSnapshotRoundTripsAndDecidesTheSame() {
        PolicySet set = richSet();
        DeviceInventory devices = new DeviceInventory(List.of(new Device("dev-1", "Finance laptop",
                java.util.Optional.of("accountant"), java.util.Optional.of(DevicePlatform.WINDOWS), true, true, "AzureAD",
                "company", NOW.minus(Duration.ofHours(3)))), Duration.ofDays(14));
        RiskAssessment compromised = new RiskAssessment(RiskLevel.HIGH,
                List.of(new RiskAssessment.FiredRule("confirmedCompromised", RiskLevel.HIGH, "confirmed by admin")));
        PolicySnapshot snapshot = new PolicySnapshot("3b8e0c1a-epoch", 42, NOW, set, devices, Map.of("mallory", compromised));

        PolicySnapshot read = snapshots.read(snapshots.write(snapshot)).orElseThrow();

        assertThat(read.devices().devices()).containsExactlyElementsOf(devices.devices());
        assertThat(read.devices().maxCheckInAge()).isEqualTo(Duration.ofDays(14));
        assertThat(read.riskyUsers()).isEqualTo(Map.of("mallory", compromised));

        assertThat(read.epoch()).isEqualTo("3b8e0c1a-epoch");
        assertThat(read.version()).isEqualTo(42);
        assertThat(read.etag()).isEqualTo("\"3b8e0c1a-epoch.42\"");
        assertThat(read.publishedAt()).isEqualTo(NOW);
        assertThat(read.policySet().policies()).isEqualTo(set.policies());
        assertThat(read.policySet().namedLocations()).isEqualTo(set.namedLocations());
        assertThat(read.policySet().authenticationStrengths()).isEqualTo(set.authenticationStrengths());
    }

    @Test
    void aSnapshotThatDoesNotHoldTogetherIsRefusedWhole() {
        Parsed<PolicySnapshot> parsed = snapshots.read("""
                {"epoch": "e1", "version": 3, "publishedAt": "2026-11-24T09:00:00Z", "namedLocations": [],
                 "policies": [{"id": "p1", "displayName": "Outside", "state": "enabled",
                   "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]},
                                  "locations": {"includeLocations": ["gone"]}},
                   "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}]}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).extracting(ValidationProblem::toString)
                .containsExactly("policies[0].conditions.locations.includeLocations[0]: unknown named location 'gone'");
    }

    @Test
    void aSnapshotWithoutAnEpochOrWithOneThatCannotBeAnEntityTagIsRefused() {
        assertThat(snapshots.read("""
                {"version": 3, "publishedAt": "2026-11-24T09:00:00Z", "policies": []}
                """.getBytes(StandardCharsets.UTF_8)).errors()).extracting(ValidationProblem::toString)
                .containsExactly("epoch: required");
        assertThat(snapshots.read("""
                {"epoch": "a\\"b", "version": 3, "publishedAt": "2026-11-24T09:00:00Z", "policies": []}
                """.getBytes(StandardCharsets.UTF_8)).errors()).extracting(ValidationProblem::toString)
                .containsExactly("epoch: expected 1 to 64 letters, digits or '-'");
    }

    @Test
    void signInRecordsRoundTripAsABatch() {
        PolicySet set = richSet();
        Instant threeAmInBerlin = Instant.parse("2026-11-24T02:00:00Z");
        SignIn signIn = SignIn.builder("carol", threeAmInBerlin).groups("pilot").application("portal").ipAddress("198.51.100.7")
                .country("FR").registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP)
                .device(new dev.portcullis.core.signin.DeviceState.Known("carol-laptop", false, true, "company", "AzureAD",
                        java.util.Optional.of(dev.portcullis.core.signin.DevicePlatform.WINDOWS),
                        java.util.Map.of("displayName", List.of("Carol's laptop"))))
                .build();
        RiskAssessment risk = new RiskAssessment(RiskLevel.MEDIUM,
                List.of(new RiskAssessment.FiredRule("unusualHours", RiskLevel.MEDIUM, "03:00 in Europe/Berlin")));
        SignInRecord record = SignInRecord.of("rec-1", "demo", signIn, Evaluator.evaluate(set, signIn), risk);
        assertThat(record.riskReasons()).containsExactly("unusualHours: 03:00 in Europe/Berlin");

        List<SignInRecord> read = signIns.readAll(signIns.bytes(List.of(record, record))).orElseThrow();

        assertThat(read).containsExactly(record, record);
        assertThat(record.decision()).isEqualTo("requireControls");
        // Entra's deviceDetail: the proven device, and what the inventory said of it at the sign-in (lapsed here).
        assertThat(new String(signIns.bytes(List.of(record)), StandardCharsets.UTF_8)).contains("\"deviceId\":\"carol-laptop\"",
                "\"displayName\":\"Carol's laptop\"", "\"isCompliant\":false", "\"isManaged\":true", "\"trustType\":\"AzureAD\"");
        Parsed<List<SignInRecord>> bad = signIns.readAll("[{\"id\": \"x\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.errors()).extracting(ValidationProblem::path).contains("[0].createdDateTime", "[0].userId");
    }

    @Test
    void devicesFromAnMdmAreReadStrictly() {
        Parsed<Device> ok = devices.read(tree("""
                {"id": "dev-9", "displayName": "Sales phone", "operatingSystem": "iOS", "isCompliant": true,
                 "isManaged": true, "deviceOwnership": "company", "lastSyncDateTime": "2026-11-24T08:00:00Z"}
                """));
        assertThat(ok.orElseThrow().compliant()).isTrue();
        assertThat(devices.read(devices.write(ok.value())).orElseThrow()).isEqualTo(ok.value());
        Parsed<Device> bad = devices.read(tree("""
                {"id": "dev-9", "operatingSystem": "os2", "isCompliant": "yes", "deviceOwnership": "borrowed"}
                """));
        assertThat(bad.errors()).extracting(ValidationProblem::path)
                .containsExactlyInAnyOrder("operatingSystem", "isCompliant", "deviceOwnership", "lastSyncDateTime");
    }

    private PolicySet richSet() {
        IpNamedLocation office = office();
        CountryNamedLocation blocked = new CountryNamedLocation("blocked", "Blocked countries", Set.of("KP", "IR"), true);
        AuthenticationStrength keys = new AuthenticationStrength("keys", "Keys only", "",
                Set.of(dev.portcullis.core.method.MethodCombination.of(AuthenticationMethod.PASSKEY)), false);
        ConditionalAccessPolicy pilot = new ConditionalAccessPolicy("p-pilot", "MFA for the pilot", PolicyState.ENABLED,
                Conditions.of(UsersCondition.groups("pilot").excludingUsers("breakglass"), ApplicationsCondition.all())
                        .withLocations(LocationsCondition.allExcept("office"))
                        .withClientAppTypes(ClientAppTypesCondition.of(ClientAppType.BROWSER,
                                ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS))
                        .withDevices(DevicesCondition.of(DevicesCondition.Mode.EXCLUDE, "device.isCompliant -eq True"))
                        .withTimes(TimeCondition.outside(new TimeWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                LocalTime.of(7, 0), LocalTime.of(19, 0), ZoneId.of("Europe/Berlin")))),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE),
                SessionControls.signInFrequency(SignInFrequency.everyTime()));
        ConditionalAccessPolicy geo = new ConditionalAccessPolicy("p-geo", "Block countries", PolicyState.REPORT_ONLY,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all()).withLocations(LocationsCondition.include("blocked")),
                GrantControls.block(), SessionControls.none());
        ConditionalAccessPolicy keysOnly = new ConditionalAccessPolicy("p-keys", "Keys for finance", PolicyState.DISABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.apps("finance")),
                GrantControls.requireStrength("keys"), SessionControls.signInFrequency(SignInFrequency.of(Duration.ofDays(1))));
        return PolicySet.of(List.of(pilot, geo, keysOnly), List.of(office, blocked), List.of(keys));
    }

    private static IpNamedLocation office() {
        return new IpNamedLocation("office", "Office", List.of(IpRange.of("203.0.113.0/24"), IpRange.of("2001:db8::/32")), true);
    }

    private static Map<String, AuthenticationStrength> strengths() {
        return Map.of(AuthenticationStrength.MFA_ID, AuthenticationStrength.MFA,
                AuthenticationStrength.PHISHING_RESISTANT_MFA_ID, AuthenticationStrength.PHISHING_RESISTANT_MFA);
    }

    private JsonNode tree(String text) {
        return json.parse(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private JsonNode resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/entra/" + name)) {
            return json.parse(in.readAllBytes()).orElseThrow();
        }
    }
}
