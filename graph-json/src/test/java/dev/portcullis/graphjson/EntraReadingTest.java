package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.TransferMethod;
import dev.portcullis.core.validation.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Entra writes, read as Entra means it: encodings, annotations, nulls, and each beta property. */
class EntraReadingTest {

    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
    private final JsonText json = JsonText.shared();
    private final PolicyCodec policies = PolicyCodec.instance();
    private final NamedLocationCodec locations = NamedLocationCodec.instance();
    private final WhatIfCodec whatIfs = WhatIfCodec.instance();

    private static String policy(String conditions, String grant) {
        return """
                {"displayName": "P", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}%s},
                 "grantControls": %s}
                """.formatted(conditions, grant);
    }

    private static final String BLOCK = "{\"operator\": \"OR\", \"builtInControls\": [\"block\"]}";

    private Parsed<ConditionalAccessPolicy> read(String text, ReadMode mode) {
        Parsed<JsonNode> tree = json.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(tree.errors()).isEmpty();
        return policies.read(tree.value(), mode, Map.of(), builtInStrengths());
    }

    private static Map<String, AuthenticationStrength> builtInStrengths() {
        Map<String, AuthenticationStrength> strengths = new LinkedHashMap<>();
        AuthenticationStrength.BUILT_IN.forEach(s -> strengths.put(s.id(), s));
        return strengths;
    }

    private static Evaluation evaluate(ConditionalAccessPolicy policy, SignIn signIn) {
        return Evaluator.evaluate(PolicySet.of(List.of(policy.withId("p")), List.of()), signIn);
    }

    private static SignIn.Builder signIn() {
        return SignIn.builder("anna", NOW).application("portal").signInRisk(RiskLevel.NONE).userRisk(RiskLevel.NONE);
    }

    /** A policy written by Portcullis reads back to the same policy. */
    private void roundTrips(ConditionalAccessPolicy policy) {
        assertThat(policies.read(policies.write(policy), ReadMode.LENIENT, Map.of(), builtInStrengths())
                .orElseThrow()).isEqualTo(policy);
    }

    @Test
    void utf16AndByteOrderMarksAreReadAsTheTextTheyCarry() {
        String text = "{\"displayName\": \"Zoë\"}";
        byte[] utf16le = withBom(new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] utf16be = withBom(new byte[] {(byte) 0xfe, (byte) 0xff}, text.getBytes(StandardCharsets.UTF_16BE));
        byte[] utf8 = withBom(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text.getBytes(StandardCharsets.UTF_8));
        for (byte[] body : List.of(utf16le, utf16be, utf8, text.getBytes(StandardCharsets.UTF_16LE),
                text.getBytes(StandardCharsets.UTF_16BE))) {
            assertThat(json.parse(body).orElseThrow().path("displayName").asText()).isEqualTo("Zoë");
        }
    }

    @Test
    void badBytesAndBadJsonAreProblemsNamingWhere() {
        Parsed<JsonNode> latin1 = json.parse("{\"a\": \"Zo\u00eb\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.errors()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("not valid UTF-8").contains("byte offset 9"));
        // Line and column count characters, in UTF-16 as in UTF-8.
        byte[] broken = withBom(new byte[] {(byte) 0xff, (byte) 0xfe},
                "{\r\n  \"state\": \"enabled\",\r\n  \"conditions\": }".getBytes(StandardCharsets.UTF_16LE));
        assertThat(json.parse(broken).errors()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("line 3, column 17"));
    }

    @Test
    void annotationsActionLinksAndReadOnlyFieldsAreIgnoredAndListed() {
        Parsed<ConditionalAccessPolicy> parsed = read("""
                {"@odata.context": "https://graph.microsoft.com/beta/$metadata#policies/$entity",
                 "id": "p1", "templateId": null, "createdDateTime": "2024-05-24T09:27:55Z",
                 "createdDateTime@odata.type": "#DateTimeOffset", "deletedDateTime": null,
                 "displayName": "P", "state": "enabled",
                 "conditions": {"@odata.type": "#microsoft.graph.conditionalAccessConditionSet",
                                "users": {"includeUsers@odata.type": "#Collection(String)", "includeUsers": ["All"]},
                                "applications": {"includeApplications": ["All"]}, "clients": null},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"],
                                   "authenticationStrength@odata.context": "https://x", "authenticationStrength": null},
                 "#microsoft.graph.restore": {"title": "microsoft.graph.restore", "target": "https://x"}}
                """, ReadMode.STRICT);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.warnings()).extracting(ValidationProblem::toString).containsExactlyInAnyOrder(
                "createdDateTime: ignored: read-only, set by the service that stores the document",
                "#microsoft.graph.restore: ignored: an action link Graph writes in exports, not part of the document",
                "conditions.clients: ignored: not a property Portcullis reads, and null (not configured)",
                ": ignored: 5 OData annotation(s) Graph writes for its own clients (@odata.context x2, @odata.type x3)");
        assertThat(parsed.value().id()).isEqualTo("p1");
    }

    @Test
    void enumValuesAndPropertyNamesAreReadInAnyCaseAndNullIsNotConfigured() {
        Parsed<ConditionalAccessPolicy> parsed = read("""
                {"displayName": "P", "State": "Enabled",
                 "conditions": {"users": {"includeUsers": ["all"]}, "applications": {"includeApplications": ["All"]},
                                "clientAppTypes": ["All"], "locations": null, "platforms": [], "devices": null},
                 "grantControls": {"operator": "or", "builtInControls": ["MFA"]}}
                """, ReadMode.STRICT);

        ConditionalAccessPolicy policy = parsed.orElseThrow();
        assertThat(policy.state()).isEqualTo(PolicyState.ENABLED);
        assertThat(policy.conditions().users().includeUsers()).containsExactly("All");
        assertThat(policy.conditions().clientAppTypes()).isEmpty();
        assertThat(policy.conditions().locations()).isEmpty();
        assertThat(policy.conditions().platforms()).isEmpty();
        assertThat(parsed.warnings()).extracting(ValidationProblem::path).containsExactlyInAnyOrder("state",
                "conditions.platforms");
    }

    @Test
    void aPropertyWrittenTwiceOnceAsNullMeansTheOtherAndTwoValuesAreRefused() {
        Parsed<JsonNode> tree = json.parse("{\"sessionControls\": null, \"a\": 1, \"sessionControls\": {\"x\": 1}}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(tree.orElseThrow().path("sessionControls").path("x").asInt()).isEqualTo(1);
        assertThat(tree.warnings()).extracting(ValidationProblem::path).containsExactly("sessionControls");
        assertThat(json.parse("{\"a\": 1,\n \"a\": 2}".getBytes(StandardCharsets.UTF_8)).errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("line 2, column 2").contains("'a' is written twice"));
    }

    @Test
    void aSessionOnlyPolicyIsValidAppliesAndKeepsWhatItDoesNotEnforce() {
        Parsed<ConditionalAccessPolicy> parsed = read("""
                {"displayName": "Persistent browser", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": null,
                 "sessionControls": {"persistentBrowser": {"@odata.type": "#x", "mode": "never", "isEnabled": true},
                                     "cloudAppSecurity": null}}
                """, ReadMode.LENIENT);

        ConditionalAccessPolicy policy = parsed.orElseThrow();
        assertThat(parsed.warnings()).extracting(ValidationProblem::path).contains("sessionControls.persistentBrowser");
        assertThat(evaluate(policy, signIn().build()).decision()).isInstanceOf(Decision.Allow.class);
        JsonNode written = policies.write(policy);
        assertThat(written.path("grantControls").isNull()).isTrue();
        assertThat(written.path("sessionControls").path("persistentBrowser").toString())
                .isEqualTo("{\"mode\":\"never\",\"isEnabled\":true}");
        roundTrips(policy);
        assertThat(read(policy("", "null"), ReadMode.LENIENT).errors()).extracting(ValidationProblem::path)
                .containsExactly("grantControls");
    }

    @Test
    void aTemplateIsReadAsANewReportOnlyPolicyNamedAfterIt() {
        Parsed<ConditionalAccessPolicy> parsed = read("""
                {"id": "c7503427-338e-4c5e-902d-abe252abfb43", "name": "Require MFA for admins",
                 "description": "…", "scenarios": "secureFoundation",
                 "details": {"sessionControls": null,
                             "grantControls": {"operator": "OR", "builtInControls": ["mfa"]},
                             "conditions": {"users": {"includeUsers": ["None"], "includeRoles": ["realm-admin"]},
                                            "applications": {"includeApplications": ["All"]}}}}
                """, ReadMode.LENIENT);

        ConditionalAccessPolicy policy = parsed.orElseThrow();
        assertThat(policy.id()).isEmpty();
        assertThat(policy.displayName()).isEqualTo("Require MFA for admins");
        assertThat(policy.state()).isEqualTo(PolicyState.REPORT_ONLY);
        assertThat(policy.conditions().users().includeRoles()).containsExactly("realm-admin");
    }

    @Test
    void deviceCodeFlowIsEnforcedAndNarrowsTheBlockToDeviceApprovals() {
        Parsed<ConditionalAccessPolicy> parsed = read(policy(", \"authenticationFlows\": {\"transferMethods\":"
                + " \"deviceCodeFlow,authenticationTransfer\"}", BLOCK), ReadMode.STRICT);

        ConditionalAccessPolicy policy = parsed.orElseThrow();
        assertThat(parsed.warnings()).extracting(ValidationProblem::path)
                .containsExactly("conditions.authenticationFlows.transferMethods");
        assertThat(evaluate(policy, signIn().transferMethod(TransferMethod.DEVICE_CODE_FLOW).build()).decision())
                .isInstanceOf(Decision.Block.class);
        Evaluation browser = evaluate(policy, signIn().build());
        assertThat(browser.decision()).isInstanceOf(Decision.Allow.class);
        assertThat(browser.policyOutcomes().get(0).reasons())
                .containsExactly("authenticationFlows: the sign-in's transfer method is not targeted");
        assertThat(policies.write(policy).path("conditions").path("authenticationFlows").path("transferMethods")
                .asText()).isEqualTo("deviceCodeFlow,authenticationTransfer");
        roundTrips(policy);
    }

    @Test
    void workloadIdentitiesAreClientsUsingTheClientCredentialsGrant() {
        Parsed<ConditionalAccessPolicy> parsed = read("""
                {"displayName": "Block workloads outside trusted locations", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["None"]}, "applications": {"includeApplications": ["All"]},
                                "clientApplications": {"includeServicePrincipals": ["ServicePrincipalsInMyTenant"],
                                                       "excludeServicePrincipals": ["backup-job"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """, ReadMode.STRICT);

        ConditionalAccessPolicy policy = parsed.orElseThrow();
        assertThat(evaluate(policy, signIn().workloadIdentity("billing-sync").build()).decision())
                .isInstanceOf(Decision.Block.class);
        assertThat(evaluate(policy, signIn().workloadIdentity("backup-job").build()).decision())
                .isInstanceOf(Decision.Allow.class);
        assertThat(evaluate(policy, signIn().build()).decision()).isInstanceOf(Decision.Allow.class);
        roundTrips(policy);

        // Entra's rules: the users or the workloads, and a workload can only be blocked.
        assertThat(read(policy(", \"clientApplications\": {\"includeServicePrincipals\": [\"x\"]}",
                "{\"operator\": \"OR\", \"builtInControls\": [\"mfa\"]}"), ReadMode.LENIENT).errors())
                .extracting(ValidationProblem::path)
                .containsExactlyInAnyOrder("conditions.users.includeUsers", "grantControls.builtInControls");
        // And a user policy never applies to a workload.
        ConditionalAccessPolicy users = read(policy("", BLOCK), ReadMode.STRICT).orElseThrow();
        assertThat(evaluate(users, signIn().workloadIdentity("billing-sync").build()).decision())
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void insiderRiskIsReadFromUserRisk() {
        Parsed<ConditionalAccessPolicy> parsed = read(policy(", \"insiderRiskLevels\": \"elevated\"", BLOCK),
                ReadMode.STRICT);

        ConditionalAccessPolicy policy = parsed.orElseThrow();
        assertThat(parsed.warnings()).extracting(ValidationProblem::path).containsExactly("conditions.insiderRiskLevels");
        assertThat(evaluate(policy, signIn().userRisk(RiskLevel.HIGH).build()).decision())
                .isInstanceOf(Decision.Block.class);
        assertThat(evaluate(policy, signIn().userRisk(RiskLevel.MEDIUM).build()).decision())
                .isInstanceOf(Decision.Allow.class);
        roundTrips(policy);
    }

    @Test
    void whatNoKeycloakSignInIsIsKeptAsWrittenAndNeverEnforcedNeverAppliedAsIfMatched() {
        for (String part : List.of(
                ", \"agents\": {\"includeAgentUsers\": [\"All\"]}",
                ", \"agentIdRiskLevels\": \"medium,high\"",
                ", \"servicePrincipalRiskLevels\": [\"high\"]",
                ", \"deviceStates\": {\"includeStates\": [\"All\"], \"excludeStates\": [\"Compliant\"]}")) {
            neverEnforced(policy(part, BLOCK));
        }
        neverEnforced("""
                {"displayName": "GSA", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]},
                                "applications": {"networkAccess": {"includeTrafficProfiles": "m365"},
                                                 "globalSecureAccess": {"includeTrafficProfiles": "m365"}}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """);
        neverEnforced("""
                {"displayName": "Auth context", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]},
                                "applications": {"includeAuthenticationContextClassReferences": ["c1"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """);
    }

    private void neverEnforced(String text) {
        Parsed<ConditionalAccessPolicy> lenient = read(text, ReadMode.LENIENT);
        ConditionalAccessPolicy policy = lenient.orElseThrow();
        assertThat(lenient.warnings()).anySatisfy(w -> assertThat(w.message()).startsWith("never enforced: "));
        Evaluation evaluation = evaluate(policy, signIn().transferMethod(TransferMethod.DEVICE_CODE_FLOW).build());
        assertThat(evaluation.decision()).as(text).isInstanceOf(Decision.Allow.class);
        PolicyOutcome outcome = evaluation.policyOutcomes().get(0);
        assertThat(outcome.result()).isEqualTo(PolicyOutcome.Result.NOT_APPLIED);
        assertThat(outcome.reasons().get(0)).contains("never enforced");
        roundTrips(policy);
        // Strict mode refuses exactly the part it would not enforce.
        Parsed<ConditionalAccessPolicy> strict = read(text, ReadMode.STRICT);
        assertThat(strict.errors()).extracting(ValidationProblem::path)
                .containsExactlyElementsOf(lenient.warnings().stream()
                        .filter(w -> w.message().startsWith("never enforced")).map(ValidationProblem::path).toList());
    }

    @Test
    void aCompliantNetworkLocationContainsNoSignInAndAPolicyNamingItIsNeverEnforced() {
        Parsed<NamedLocation> location = locations.read(json.parse("""
                {"@odata.type": "#microsoft.graph.compliantNetworkNamedLocation", "id": "gsa",
                 "displayName": "All Compliant Network locations", "compliantNetworkType": "allTenantCompliantNetworks",
                 "isTrusted": true, "createdDateTime": "2024-05-24T09:26:15Z"}
                """.getBytes(StandardCharsets.UTF_8)).orElseThrow());
        NamedLocation gsa = location.orElseThrow();
        assertThat(locations.read(locations.write(gsa)).orElseThrow()).isEqualTo(gsa);

        String text = policy(", \"locations\": {\"includeLocations\": [\"All\"], \"excludeLocations\": [\"gsa\"]}", BLOCK);
        JsonNode tree = json.parse(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        Parsed<ConditionalAccessPolicy> lenient = policies.read(tree, ReadMode.LENIENT, Map.of("gsa", gsa),
                builtInStrengths());
        assertThat(lenient.warnings()).extracting(ValidationProblem::path).containsExactly("conditions.locations");
        PolicySet set = PolicySet.of(List.of(lenient.orElseThrow().withId("p")), List.of(gsa));
        assertThat(Evaluator.evaluate(set, signIn().ipAddress("203.0.113.9").build()).decision())
                .isInstanceOf(Decision.Allow.class);
        assertThat(policies.read(tree, ReadMode.STRICT, Map.of("gsa", gsa), builtInStrengths()).errors())
                .extracting(ValidationProblem::path).containsExactly("conditions.locations");
    }

    @Test
    void mfaAndChangePasswordFromEntraTemplatesIsBothControls() {
        ConditionalAccessPolicy policy = read(policy(", \"userRiskLevels\": [\"high\"]",
                "{\"operator\": \"AND\", \"builtInControls\": [\"MfaAndChangePassword\"]}"), ReadMode.STRICT).orElseThrow();
        assertThat(policy.grantControls().builtInControls()).containsExactlyInAnyOrder(
                dev.portcullis.core.policy.BuiltInControl.MFA, dev.portcullis.core.policy.BuiltInControl.PASSWORD_CHANGE);
        assertThat(policy.grantControls().operator()).isEqualTo(dev.portcullis.core.policy.GrantOperator.AND);
    }

    @Test
    void theFullDeviceFilterGrammarReadsTheDevice() {
        ConditionalAccessPolicy policy = read(policy(", \"devices\": {\"deviceFilter\": {\"mode\": \"include\","
                + " \"rule\": \"device.extensionAttribute1 -eq \\\"PAW\\\" -and device.model -startsWith \\\"Surface\\\""
                + " -and device.systemLabels -contains \\\"M365Managed\\\"\"}}", BLOCK), ReadMode.STRICT).orElseThrow();
        var paw = new dev.portcullis.core.signin.DeviceState.Known("d1", true, true, "Company", "AzureAD",
                java.util.Optional.empty(), Map.of("extensionAttribute1", List.of("PAW"), "model",
                        List.of("Surface Laptop 5"), "systemLabels", List.of("M365Managed", "MultiUser")));
        var other = new dev.portcullis.core.signin.DeviceState.Known("d2", true, true, "Company", "AzureAD",
                java.util.Optional.empty(), Map.of("extensionAttribute1", List.of("PAW"), "model", List.of("ThinkPad")));
        assertThat(evaluate(policy, signIn().device(paw).build()).decision()).isInstanceOf(Decision.Block.class);
        assertThat(evaluate(policy, signIn().device(other).build()).decision()).isInstanceOf(Decision.Allow.class);
        assertThat(read(policy(", \"devices\": {\"deviceFilter\": {\"mode\": \"include\","
                + " \"rule\": \"device.isCompliant -startsWith \\\"T\\\"\"}}", BLOCK), ReadMode.LENIENT).errors())
                .singleElement().satisfies(p -> assertThat(p.message())
                        .contains("device.isCompliant does not take -startsWith"));
    }

    @Test
    void whatIfAsksAboutDeviceCodeFlowAndWorkloadsAsGraphDoes() {
        WhatIf whatIf = whatIfs.read(json.parse("""
                {"signInIdentity": {"@odata.type": "#microsoft.graph.servicePrincipalSubject",
                                    "servicePrincipalId": "billing-sync"},
                 "signInContext": {"includeApplications": ["portal"]},
                 "signInConditions": {"clientAppType": "browser", "authenticationFlow": {"transferMethod": "deviceCodeFlow"}}}
                """.getBytes(StandardCharsets.UTF_8)).orElseThrow(), NOW).orElseThrow();
        assertThat(whatIf.signIn().workloadIdentity()).contains("billing-sync");
        assertThat(whatIf.signIn().transferMethod()).isEqualTo(TransferMethod.DEVICE_CODE_FLOW);
        assertThat(whatIf.signIn().clientAppType()).isEqualTo(ClientAppType.BROWSER);

        WhatIf device = whatIfs.read(json.parse("""
                {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]},
                 "signInConditions": {"insiderRiskLevel": "elevated",
                                      "deviceInfo": {"deviceId": "d1", "isCompliant": true, "extensionAttribute1": "PAW",
                                                     "model": "Surface Laptop 5", "systemLabels": ["M365Managed"]}}}
                """.getBytes(StandardCharsets.UTF_8)).orElseThrow(), NOW).orElseThrow();
        assertThat(device.signIn().userRisk()).isEqualTo(RiskLevel.HIGH);
        assertThat(device.signIn().device()).isInstanceOfSatisfying(
                dev.portcullis.core.signin.DeviceState.Known.class, known -> assertThat(known.attributes())
                        .containsEntry("extensionAttribute1", List.of("PAW"))
                        .containsEntry("model", List.of("Surface Laptop 5"))
                        .containsEntry("systemLabels", List.of("M365Managed")));
    }

    private static byte[] withBom(byte[] bom, byte[] body) {
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }
}
