package dev.portcullis.adapters.rest.api;

import static dev.portcullis.adapters.rest.api.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Authentication strengths, the device inventory, user risk, and what the directory adds (What-If, lockout guard). */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class DirectoryAndSignalsResourcesTest {

    private static final String POLICIES = "/v1.0/identity/conditionalAccess/policies";
    private static final String CA = "/v1.0/identity/conditionalAccess";
    private static final String STRENGTHS = "/v1.0/identity/conditionalAccess/authenticationStrength/policies";
    private static final String SNAPSHOT = "/v1.0/identity/conditionalAccess/snapshot";
    private static final String FACTS = "/v1.0/identity/conditionalAccess/facts";
    private static final String RISKY = "/v1.0/identityProtection/riskyUsers";

    @Inject
    InMemoryDirectory directory;


    @Test
    void builtInStrengthsAreListedAndReadOnlyAndCustomOnesFollowTheDocumentRules() {
        as(Roles.READER).get(STRENGTHS).then().statusCode(200)
                .body("value.id", hasItems("00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000004"));
        as(Roles.READER).get(STRENGTHS + "/00000000-0000-0000-0000-000000000004").then().statusCode(200)
                .body("displayName", equalTo("Phishing-resistant MFA"));
        as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"displayName\": \"Mine\"}")
                .patch(STRENGTHS + "/00000000-0000-0000-0000-000000000002").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("create a custom one"));

        Response created = as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"displayName": "Keys or app", "allowedCombinations": ["fido2", "password,softwareOath", "sms"]}
                """).post(STRENGTHS);
        created.then().statusCode(201).body("'@portcullis.warnings'.path", hasItem("allowedCombinations[2]"));
        String id = created.jsonPath().getString("id");
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"displayName\": \"Strict\", \"allowedCombinations\": [\"sms\"]}")
                .queryParam("strict", true).post(STRENGTHS).then().statusCode(400)
                .body("errors.path", hasItem("allowedCombinations[0]"));

        String policy = as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"displayName": "Keys for finance", "state": "enabledForReportingButNotEnforced",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["finance"]}},
                 "grantControls": {"operator": "OR", "authenticationStrength": {"id": "%s"}}}
                """.formatted(id)).post(POLICIES).then().statusCode(201).extract().path("id");
        as(Roles.ADMIN).header("If-Match", "\"1\"").delete(STRENGTHS + "/" + id).then().statusCode(409)
                .body("detail", containsString("'Keys for finance'"));
        as(Roles.ADMIN).header("If-Match", "\"1\"").delete(POLICIES + "/" + policy).then().statusCode(204);
        as(Roles.ADMIN).header("If-Match", "\"1\"").delete(STRENGTHS + "/" + id).then().statusCode(204);
    }

    @Test
    void anMdmReportsDevicesWhichReachTheFactsNodesFollow() {
        String device = """
                {"displayName": "Anna's laptop", "registeredOwnerId": "anna", "operatingSystem": "windows",
                 "isCompliant": %s, "isManaged": true, "deviceOwnership": "company",
                 "lastSyncDateTime": "2026-11-24T07:00:00Z"}
                """;
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted("true"))
                .put("/v1.0/devices/laptop-anna").then().statusCode(201).body("id", equalTo("laptop-anna"));
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted("false"))
                .put("/v1.0/devices/laptop-anna").then().statusCode(200).body("isCompliant", equalTo(false));
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted("\"yes\""))
                .put("/v1.0/devices/laptop-anna").then().statusCode(400).body("errors.path", hasItem("isCompliant"));
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body("{\"id\": \"other\"}")
                .put("/v1.0/devices/laptop-anna").then().statusCode(400).body("errors.path", hasItem("id"));

        assertThat(SignedSnapshots.read(as(Roles.NODE).get(FACTS))
                .getBoolean("devices.find { it.id == 'laptop-anna' }.isCompliant")).isFalse();
        as(Roles.READER).get("/v1.0/devices").then().statusCode(200).body("value.id", hasItem("laptop-anna"));
        as(Roles.READER).contentType(ContentType.JSON).body(device.formatted("true"))
                .put("/v1.0/devices/laptop-anna").then().statusCode(403);
        as(Roles.DEVICE_MANAGER).get(POLICIES).then().statusCode(403);
    }

    /**
     * The MDM's routine sync (the same device, only its check-in hours later) costs the nodes nothing:
     * the facts keep their entity tag, so every node's next pull is a 304. A check-in that changes what
     * a policy reads costs a node that one device, signed, and the policy snapshot stays as it was.
     */
    @Test
    void aRoutineCheckInCostsNothingAndARealChangeOneSmallSignedAnswer() {
        // As Intune reports a device: ids are GUIDs, and a device filter may read make, model and OS version.
        String device = """
                {"displayName": "CORP-LAPTOP-4F2K9Q", "registeredOwnerId": "6e2d9a41-3c7b-4f5e-8a1d-0b9c2e7f4a53",
                 "operatingSystem": "windows", "operatingSystemVersion": "10.0.22631.4602", "manufacturer": "Dell Inc.",
                 "model": "Latitude 7440", "isCompliant": true, "isManaged": true, "trustType": "AzureAd",
                 "deviceOwnership": "company", "lastSyncDateTime": "%s"}
                """;
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted("2026-11-24T07:00:00Z"))
                .put("/v1.0/devices/0b7e3c6a-9f1d-4e2b-8c5a-7d3f1e9b2a6c").then().statusCode(201);
        String snapshot = as(Roles.NODE).get(SNAPSHOT).then().statusCode(200).extract().header("ETag");
        String facts = as(Roles.NODE).get(FACTS).then().statusCode(200).extract().header("ETag");

        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted("2026-11-24T15:00:00Z"))
                .put("/v1.0/devices/0b7e3c6a-9f1d-4e2b-8c5a-7d3f1e9b2a6c").then().statusCode(200)
                .body("lastSyncDateTime", equalTo("2026-11-24T07:00:00Z"));
        as(Roles.NODE).header("If-None-Match", facts).get(FACTS).then().statusCode(304);

        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted("2026-12-04T07:00:00Z"))
                .put("/v1.0/devices/0b7e3c6a-9f1d-4e2b-8c5a-7d3f1e9b2a6c").then().statusCode(200)
                .body("lastSyncDateTime", equalTo("2026-12-04T07:00:00Z"));
        Response changes = as(Roles.NODE).header("If-None-Match", facts).get(FACTS);
        JsonPath delta = SignedSnapshots.read(changes);
        assertThat(delta.getList("devices.id", String.class)).containsExactly("0b7e3c6a-9f1d-4e2b-8c5a-7d3f1e9b2a6c");
        assertThat(delta.getString("devices[0].lastSyncDateTime")).isEqualTo("2026-12-04T07:00:00Z");
        assertThat(delta.getLong("since")).as("changes since the facts the node had")
                .isEqualTo(Long.parseLong(facts.substring(facts.lastIndexOf('.') + 1, facts.length() - 1)));
        assertThat(changes.asByteArray().length).as("one device's change, signed ES256").isLessThanOrEqualTo(1024);
        assertThat(changes.header("ETag")).isNotEqualTo(facts);
        as(Roles.NODE).header("If-None-Match", changes.header("ETag")).get(FACTS).then().statusCode(304);
        as(Roles.NODE).header("If-None-Match", snapshot).get(SNAPSHOT).then().statusCode(304);
    }

    /** One long poll wakes a node for a fact change too: the 304 says so, and the node reads the change. */
    @Test
    void aNodeWaitingOnTheSnapshotIsWokenByAFactChange() throws Exception {
        String snapshot = as(Roles.NODE).get(SNAPSHOT).then().statusCode(200).extract().header("ETag");
        String facts = as(Roles.NODE).get(FACTS).then().statusCode(200).extract().header("ETag");
        // Nothing changes: the wait runs out (3 s in these tests).
        as(Roles.NODE).header("If-None-Match", snapshot).header("Portcullis-Known-Facts", facts)
                .header("Prefer", "wait=1").get(SNAPSHOT).then().statusCode(304).header("Preference-Applied", "wait=1");

        CompletableFuture<Response> held = CompletableFuture.supplyAsync(() -> as(Roles.NODE)
                .header("If-None-Match", snapshot).header("Portcullis-Known-Facts", facts)
                .header("Prefer", "wait=20").get(SNAPSHOT));
        Thread.sleep(300);
        assertThat(held).isNotDone();
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"userIds\": [\"woken-user\"]}")
                .post(RISKY + "/confirmCompromised").then().statusCode(204);
        Response woken = held.get(10, TimeUnit.SECONDS);
        woken.then().statusCode(304).header("Preference-Applied", "wait=3").header("ETag", snapshot);
        assertThat(SignedSnapshots.read(as(Roles.NODE).header("If-None-Match", facts).get(FACTS))
                .getList("riskyUsers.id", String.class)).containsExactly("woken-user");
        // A node whose facts are already behind is told at once, without waiting.
        as(Roles.NODE).header("If-None-Match", snapshot).header("Portcullis-Known-Facts", facts)
                .header("Prefer", "wait=20").get(SNAPSHOT).then().statusCode(304).header("Preference-Applied", "wait=3");
    }

    /** A sign-in an hour ago: user risk counts the high-risk sign-ins of the last seven days. */
    private static String signIn(String id, String user, String risk, String passwordChanged) {
        return """
                {"id": "%s", "createdDateTime": "%s", "userId": "%s", "appId": "portal",
                 "clientAppUsed": "browser", "ipAddress": "203.0.113.50", "location": {"countryOrRegion": "BR"},
                 "deviceDetail": {"operatingSystem": null}, "riskLevelDuringSignIn": "%s",
                 "conditionalAccessStatus": "success",
                 "portcullis": {"realm": "demo", "decision": "allow", "decisionDetails": [], "riskReasons": []%s},
                 "appliedConditionalAccessPolicies": []}
                """.formatted(id, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS), user, risk,
                passwordChanged == null ? ""
                : ", \"passwordChangedDateTime\": \"" + passwordChanged + "\"");
    }

    @Test
    void userRiskRisesWithConfirmationAndRepeatedHighRiskSignInsAndAPasswordChangeResetsIt() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"userIds\": [\"carol\"]}")
                .post(RISKY + "/confirmCompromised").then().statusCode(204);
        as(Roles.READER).get(RISKY + "/carol").then().statusCode(200).body("riskLevel", equalTo("high"))
                .body("riskState", equalTo("confirmedCompromised"))
                .body("riskDetail", equalTo("adminConfirmedUserCompromised"));
        assertThat(SignedSnapshots.read(as(Roles.NODE).get(FACTS)).getString("riskyUsers.find { it.id == 'carol' }.riskLevel"))
                .isEqualTo("high");

        // The node saw carol change her password after the confirmation: the risk is remediated.
        as(Roles.NODE).contentType(ContentType.JSON).body("[" + signIn("pw-1", "carol", "none", "2099-01-01T00:00:00Z")
                + "]").post("/v1.0/auditLogs/signIns").then().statusCode(202);
        as(Roles.READER).get(RISKY + "/carol").then().body("riskLevel", equalTo("none"))
                .body("riskState", equalTo("remediated"));
        assertThat(SignedSnapshots.read(as(Roles.NODE).get(FACTS)).getList("riskyUsers.id", String.class))
                .doesNotContain("carol");

        String batch = "[" + signIn("h-1", "dave", "high", null) + "," + signIn("h-2", "dave", "high", null) + "]";
        as(Roles.NODE).contentType(ContentType.JSON).body(batch).post("/v1.0/auditLogs/signIns").then().statusCode(202);
        as(Roles.READER).get(RISKY + "/dave").then().body("riskLevel", equalTo("medium"));
        as(Roles.NODE).contentType(ContentType.JSON).body("[" + signIn("h-3", "dave", "high", null) + "]")
                .post("/v1.0/auditLogs/signIns").then().statusCode(202);
        as(Roles.READER).get(RISKY + "/dave").then().body("riskLevel", equalTo("high"))
                .body("portcullis.riskReasons.rule", hasItem("repeatedHighRiskSignIns"));
        // One batch, one user: a high-risk sign-in and then a password change; the change remediates the risk.
        as(Roles.NODE).contentType(ContentType.JSON).body("[" + signIn("e-1", "erin", "high", null) + ","
                + signIn("e-2", "erin", "high", null) + "," + signIn("e-3", "erin", "high", null) + ","
                + signIn("e-4", "erin", "none", "2099-01-01T00:00:00Z") + "]").post("/v1.0/auditLogs/signIns")
                .then().statusCode(202);
        as(Roles.READER).get(RISKY + "/erin").then().body("riskLevel", equalTo("none"))
                .body("riskState", equalTo("remediated"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"userIds\": [\"dave\"]}").post(RISKY + "/dismiss")
                .then().statusCode(204);
        as(Roles.READER).get(RISKY + "/dave").then().body("riskLevel", equalTo("none"))
                .body("riskState", equalTo("dismissed"));
        as(Roles.READER).get("/v1.0/auditLogs/directoryAudits").then()
                .body("value.activityDisplayName", hasItems("confirm compromised user", "dismiss risk of user"));

        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"userIds\": [\"\", 3]}").post(RISKY + "/dismiss")
                .then().statusCode(400).body("errors.path", hasItems("userIds[0]", "userIds[1]"));
        as(Roles.READER).contentType(ContentType.JSON).body("{\"userIds\": [\"x\"]}")
                .post(RISKY + "/confirmCompromised").then().statusCode(403);
        as(Roles.READER).get(RISKY + "/nobody").then().statusCode(404);
    }

    @Test
    void aSignInTheUserDeniedAndReportedOnTheirPhoneMakesTheUserHighRiskAndAlertsTheSecurityTeam() throws Exception {
        // As a node ships it (adapters-keycloak ReportedSignIn): blocked, high risk, the user's report as the reason.
        String reported = """
                [{"id": "reported-1", "createdDateTime": "%s", "userId": "nina", "appId": "portal",
                 "clientAppUsed": "browser", "ipAddress": "203.0.113.9", "location": {"countryOrRegion": "BR"},
                 "deviceDetail": {"operatingSystem": "linux"}, "riskLevelDuringSignIn": "high",
                 "conditionalAccessStatus": "failure",
                 "portcullis": {"realm": "demo", "decision": "block",
                                "decisionDetails": ["Portcullis push approval: the user denied this sign-in on their phone and reported it"],
                                "riskReasons": ["userReportedSuspiciousActivity: the user denied a push for this sign-in and reported it"]},
                 "appliedConditionalAccessPolicies": []}]
                """.formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.MINUTES));
        as(Roles.NODE).contentType(ContentType.JSON).body(reported).post("/v1.0/auditLogs/signIns").then().statusCode(202);

        as(Roles.READER).get(RISKY + "/nina").then().statusCode(200).body("riskLevel", equalTo("high"))
                .body("riskState", equalTo("confirmedCompromised"));
        assertThat(SignedSnapshots.read(as(Roles.NODE).get(FACTS)).getString("riskyUsers.find { it.id == 'nina' }.riskLevel"))
                .isEqualTo("high");
        as(Roles.READER).get("/v1.0/security/portcullisAlerts").then().statusCode(200)
                .body("value.signInId", hasItem("reported-1"));
        for (int i = 0; i < 100 && WebhookReceiver.RECEIVED.stream().noneMatch(r -> r.contains("reported-1")); i++) {
            Thread.sleep(100);
        }
        org.assertj.core.api.Assertions.assertThat(WebhookReceiver.RECEIVED).filteredOn(r -> r.contains("reported-1"))
                .singleElement().satisfies(r -> org.assertj.core.api.Assertions.assertThat(r)
                        .startsWith("sha256=").contains("userReportedSuspiciousActivity"));
    }

    @Test
    void theReportOnlyImpactSaysWhatAPolicyWouldHaveDoneBeforeItIsSwitchedOn() {
        String id = as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"displayName": "Require MFA outside the office", "state": "enabledForReportingButNotEnforced",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """).post(POLICIES).then().statusCode(201).extract().path("id");
        String record = """
                {"id": "%s", "createdDateTime": "%s", "userId": "u", "appId": "portal", "clientAppUsed": "browser",
                 "ipAddress": null, "location": {"countryOrRegion": null}, "deviceDetail": {"operatingSystem": null},
                 "riskLevelDuringSignIn": "none", "conditionalAccessStatus": "success",
                 "portcullis": {"realm": "demo", "decision": "allow", "decisionDetails": [], "riskReasons": []},
                 "appliedConditionalAccessPolicies": [{"id": "%s", "displayName": "x", "result": "%s", "reasons": []}]}
                """;
        String now = java.time.Instant.now().toString();
        as(Roles.NODE).contentType(ContentType.JSON).body("[" + String.join(",",
                record.formatted("i-1", now, id, "reportOnlyInterrupted"),
                record.formatted("i-2", now, id, "reportOnlyInterrupted"),
                record.formatted("i-3", now, id, "reportOnlyFailure"),
                record.formatted("i-4", now, id, "reportOnlyNotApplied"),
                record.formatted("i-5", "2020-01-01T00:00:00Z", id, "reportOnlyFailure")) + "]")
                .post("/v1.0/auditLogs/signIns").then().statusCode(202);
        as(Roles.READER).get(POLICIES + "/" + id + "/reportOnlyImpact").then().statusCode(200)
                .body("displayName", equalTo("Require MFA outside the office"))
                .body("wouldPrompt", equalTo(2)).body("wouldBlock", equalTo(1)).body("notApplied", equalTo(1))
                .body("days.size()", equalTo(1)).body("days[0].date", equalTo(now.substring(0, 10)))
                .body("days[0].wouldPrompt", equalTo(2)).body("days[0].notApplied", equalTo(1));
        // The same sign-ins in the insights across policies, as Entra's workbook sums them.
        String row = "value.find { it.policyId == '%s' }.".formatted(id);
        as(Roles.READER).get(CA + "/insights").then().statusCode(200)
                .body(row + "displayName", equalTo("Require MFA outside the office"))
                .body(row + "state", equalTo("enabledForReportingButNotEnforced"))
                .body(row + "signIns", equalTo(4)).body(row + "success", equalTo(0)).body(row + "failure", equalTo(1))
                .body(row + "userActionRequired", equalTo(2)).body(row + "notApplied", equalTo(1));
        as(Roles.ADMIN).queryParam("from", "2019-12-31T00:00:00Z").queryParam("to", "2020-01-02T00:00:00Z")
                .get(CA + "/insights").then().statusCode(200).body(row + "failure", equalTo(1)).body(row + "signIns", equalTo(1));
        as(Roles.READER).queryParam("to", "tomorrow").get(CA + "/insights").then().statusCode(400)
                .contentType("application/problem+json").body("errors.path", hasItem("to"));
        as(Roles.READER).queryParam("from", "2026-12-02T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z")
                .get(CA + "/insights").then().statusCode(400).body("errors.path", hasItem("from"));
        as(Roles.READER).queryParam("from", "2019-12-31T00:00:00Z").queryParam("to", "2020-01-02T00:00:00Z")
                .get(POLICIES + "/" + id + "/reportOnlyImpact").then().statusCode(200)
                .body("signIns", equalTo(1)).body("wouldBlock", equalTo(1));
        as(Roles.READER).queryParam("from", "last week").get(POLICIES + "/" + id + "/reportOnlyImpact")
                .then().statusCode(400).body("errors.path", hasItem("from"));
        as(Roles.READER).get(POLICIES + "/nope/reportOnlyImpact").then().statusCode(404);
    }

    private static final String BLOCK_ADMIN_PORTALS = """
            {"displayName": "Block admin portals", "state": "enabled",
             "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": [%s]},
                            "applications": {"includeApplications": ["MicrosoftAdminPortals"]}},
             "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
            """;

    @Test
    void theLockoutGuardRefusesToBlockEveryAdministratorUnlessForcedAndTheAuditLogSaysSo() {
        directory.put(new DirectoryUser(new UserIdentity("ada", Set.of(), Set.of("admin"), false), "alice@example.test",
                RegistrationState.of(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP), false));
        directory.put(new DirectoryUser(new UserIdentity("glass", Set.of(), Set.of("admin"), false), "break.glass",
                RegistrationState.of(AuthenticationMethod.PASSWORD), true));
        try {
            as(Roles.ADMIN).contentType(ContentType.JSON).body(BLOCK_ADMIN_PORTALS.formatted("\"glass\""))
                    .post(POLICIES).then().statusCode(409).contentType("application/problem+json")
                    .body("errors.message", hasItem(containsString("every administrator would be blocked")))
                    .body("errors.message", hasItem(containsString("you (ada) would be blocked")));
            as(Roles.ADMIN).contentType(ContentType.JSON).body(BLOCK_ADMIN_PORTALS.formatted(""))
                    .post(POLICIES).then().statusCode(409)
                    .body("errors.message", hasItem(containsString("break-glass account glass is not excluded")));

            String id = as(Roles.ADMIN).contentType(ContentType.JSON).body(BLOCK_ADMIN_PORTALS.formatted("\"glass\""))
                    .queryParam("force", true).post(POLICIES).then().statusCode(201).extract().path("id");
            as(Roles.READER).get("/v1.0/auditLogs/directoryAudits").then()
                    .body("value.find { it.targetResources[0].id == '%s' }.activityDisplayName".formatted(id),
                            containsString("forced past: every administrator would be blocked"));
            // Turning it off is always allowed: it repairs the lockout.
            as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"state\": \"disabled\"}")
                    .patch(POLICIES + "/" + id).then().statusCode(200);
        } finally {
            directory.clear();
        }
    }

    @Test
    void withTheDirectoryDownAChangeIsRefusedUnlessForcedAndWhatIfSaysWhatToSend() {
        directory.goDown();
        try {
            as(Roles.ADMIN).contentType(ContentType.JSON).body(BLOCK_ADMIN_PORTALS.formatted("\"glass\""))
                    .post(POLICIES).then().statusCode(409)
                    .body("errors.message", hasItem(containsString("cannot check that administrators keep access")));
            as(Roles.READER).contentType(ContentType.JSON).body("""
                    {"signInIdentity": {"userId": "ivan"}, "signInContext": {"includeApplications": ["portal"]},
                     "signInConditions": {"clientAppType": "browser"}}
                    """).post("/v1.0/identity/conditionalAccess/evaluate").then().statusCode(503)
                    .contentType("application/problem+json").body("detail", containsString("send signInIdentity.groupIds"));
            as(Roles.READER).contentType(ContentType.JSON).body("""
                    {"signInIdentity": {"userId": "ivan", "groupIds": []}, "signInContext": {"includeApplications": ["portal"]},
                     "signInConditions": {"clientAppType": "browser", "registeredMethods": []}}
                    """).post("/v1.0/identity/conditionalAccess/evaluate").then().statusCode(200);
        } finally {
            directory.clear();
        }
    }

    @Test
    void whatIfLooksTheUserUpInTheDirectoryUnlessTheRequestSaysWhoTheyAre() {
        directory.put(new DirectoryUser(new UserIdentity("ivan", Set.of("/IT Department"), Set.of(), false), "ivan.it",
                RegistrationState.of(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP), false));
        try {
            String question = """
                    {"signInIdentity": {"userId": "ivan"%s},
                     "signInContext": {"includeApplications": ["portal"]},
                     "signInConditions": {"clientAppType": "browser", "ipAddress": "198.51.100.7"},
                     "policies": [{"id": "pilot", "displayName": "MFA for the IT pilot", "state": "enabled",
                                   "conditions": {"users": {"includeGroups": ["/IT Department"]},
                                                  "applications": {"includeApplications": ["All"]}},
                                   "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}]}
                    """;
            as(Roles.READER).contentType(ContentType.JSON).body(question.formatted(""))
                    .post("/v1.0/identity/conditionalAccess/evaluate").then().statusCode(200)
                    .body("decision.result", equalTo("requireControls"));
            as(Roles.READER).contentType(ContentType.JSON).body(question.formatted(", \"groupIds\": []"))
                    .post("/v1.0/identity/conditionalAccess/evaluate").then().statusCode(200)
                    .body("decision.result", equalTo("allow"));
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("portcullis_decisions_total{result=\"requireControls\",source=\"whatIf\"}"))
                    .body(containsString("portcullis_snapshot_version"));
        } finally {
            directory.clear();
        }
    }
    /** A What-If for one user on "hr" under a draft policy with the given grant; no directory lookup. */
    private static Response whatIfOnHr(String grant, String used, String registered) {
        return as(Roles.READER).contentType(ContentType.JSON).body("""
                {"signInIdentity": {"userId": "wendy", "groupIds": []},
                 "signInContext": {"includeApplications": ["hr"]},
                 "signInConditions": {"clientAppType": "browser", "authenticationMethods": [%s], "registeredMethods": [%s]},
                 "policies": [{"id": "hr", "displayName": "HR needs more", "state": "enabled",
                               "conditions": {"users": {"includeUsers": ["All"]},
                                              "applications": {"includeApplications": ["hr"]}},
                               "grantControls": %s}]}
                """.formatted(used, registered, grant)).post("/v1.0/identity/conditionalAccess/evaluate");
    }

    private static final String MFA = "{\"operator\": \"OR\", \"builtInControls\": [\"mfa\"]}";
    private static final String PHISHING_RESISTANT =
            "{\"operator\": \"OR\", \"authenticationStrength\": {\"id\": \"00000000-0000-0000-0000-000000000004\"}}";

    @Test
    void whatIfReadsGraphsAuthenticationMethodModesAsTheSameMethodsAsPortcullisNames() {
        // Each pair: Graph's authenticationMethodModes and Portcullis' names, which must get the same answer.
        String[][] same = {{"\"password\", \"softwareOath\"", "\"password\", \"totp\""},
                {"\"password\", \"hardwareOath\"", "\"password\", \"totp\""},
                {"\"password\", \"microsoftAuthenticatorPush\"", "\"password\", \"push\""}};
        for (String[] pair : same) {
            for (String names : pair) {
                whatIfOnHr(MFA, names, names).then().statusCode(200).body("decision.result", equalTo("allow"));
                whatIfOnHr(MFA, "\"password\"", names).then().statusCode(200)
                        .body("decision.result", equalTo("requireControls"));
            }
        }
        whatIfOnHr(PHISHING_RESISTANT, "\"fido2\"", "\"password\", \"fido2\"").then().statusCode(200)
                .body("decision.result", equalTo("allow"));
        whatIfOnHr(PHISHING_RESISTANT, "\"passkey\"", "\"password\", \"passkey\"").then().statusCode(200)
                .body("decision.result", equalTo("allow"));
        whatIfOnHr(PHISHING_RESISTANT, "\"password\", \"softwareOath\"", "\"password\", \"softwareOath\"").then()
                .statusCode(200).body("decision.result", equalTo("registrationRequired"))
                .body("decision.registrationOptions", hasItems("passkey", "securityKey"));
        whatIfOnHr(PHISHING_RESISTANT, "\"password\"", "\"password\", \"fido2\"").then().statusCode(200)
                .body("decision.result", equalTo("requireControls"));

        // A Graph mode Keycloak cannot perform is read, counts for nothing, and the answer says so.
        whatIfOnHr(PHISHING_RESISTANT, "\"password\", \"x509CertificateMultiFactor\"",
                "\"password\", \"x509CertificateMultiFactor\", \"windowsHelloForBusiness\"").then().statusCode(200)
                .body("decision.result", equalTo("registrationRequired"))
                .body("'@portcullis.warnings'.path", hasItems("signInConditions.authenticationMethods[1]",
                        "signInConditions.registeredMethods[1]", "signInConditions.registeredMethods[2]"))
                .body("'@portcullis.warnings'.message", hasItem(containsString("cannot be performed in Keycloak")));

        // An unknown name is still a problem naming the field, and the answer lists both vocabularies.
        whatIfOnHr(MFA, "\"password\"", "\"password\", \"carrierPigeon\"").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("signInConditions.registeredMethods[1]"))
                .body("errors.message", hasItem(allOf(containsString("'carrierPigeon'"), containsString("totp"),
                        containsString("softwareOath"), containsString("fido2"))));
        // Case-insensitive, as Graph reads enum values.
        whatIfOnHr(PHISHING_RESISTANT, "\"FIDO2\"", "\"Password\", \"Fido2\"").then().statusCode(200)
                .body("decision.result", equalTo("allow"));
    }
    @Test
    void theInventoryTakesOperatingSystemsAsIntuneExportsThemAndDeviceFiltersReadBothNames() {
        String device = """
                {"displayName": "A device", "operatingSystem": "%s", "isCompliant": true, "isManaged": true,
                 "lastSyncDateTime": "2026-11-24T07:00:00Z"}
                """;
        for (String os : new String[] {"Windows", "MacMDM", "Android", "iOS", "iPadOS", "Linux", "Windows Server",
                "ANDROIDFORWORK", "macos"}) {
            String id = "intune-" + os.replace(" ", "-").toLowerCase(java.util.Locale.ROOT);
            as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted(os))
                    .put("/v1.0/devices/" + id).then().statusCode(anyOf(equalTo(200), equalTo(201)))
                    .body("operatingSystem", equalTo(os));
        }
        assertThat(SignedSnapshots.read(as(Roles.NODE).get(FACTS))
                .getString("devices.find { it.id == 'intune-macmdm' }.operatingSystem")).isEqualTo("MacMDM");
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device.formatted("Commodore 64"))
                .put("/v1.0/devices/intune-c64").then().statusCode(400).contentType("application/problem+json")
                .body("errors.path", hasItem("operatingSystem"))
                .body("errors.message", hasItem(allOf(containsString("'Commodore 64'"), containsString("MacMDM"))));
        as(Roles.READER).get("/v1.0/devices/intune-c64").then().statusCode(404);

        // A filter on the platform's name and one on Intune's name both match a "MacMDM" device.
        for (String rule : new String[] {"device.operatingSystem -eq \\\"macOS\\\"", "device.operatingSystem -eq \\\"MacMDM\\\""}) {
            as(Roles.READER).contentType(ContentType.JSON).body("""
                    {"signInIdentity": {"userId": "mo", "groupIds": []}, "signInContext": {"includeApplications": ["hr"]},
                     "signInConditions": {"clientAppType": "browser", "registeredMethods": ["password"],
                                          "deviceInfo": {"operatingSystem": "MacMDM", "isCompliant": true}},
                     "policies": [{"id": "macs", "displayName": "Block Macs", "state": "enabled",
                                   "conditions": {"users": {"includeUsers": ["All"]},
                                                  "applications": {"includeApplications": ["hr"]},
                                                  "devices": {"deviceFilter": {"mode": "include", "rule": "%s"}}},
                                   "grantControls": {"operator": "OR", "builtInControls": ["block"]}}]}
                    """.formatted(rule)).post("/v1.0/identity/conditionalAccess/evaluate").then().statusCode(200)
                    .body("decision.result", equalTo("block"));
        }
    }
}
