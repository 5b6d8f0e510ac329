package dev.portcullis.adapters.rest.api;

import static dev.portcullis.adapters.rest.api.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.portcullis.core.method.AuthenticationStrength;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class PoliciesResourceTest {

    private static final String POLICIES = "/v1.0/identity/conditionalAccess/policies";
    private static final String SNAPSHOT = "/v1.0/identity/conditionalAccess/snapshot";
    private static final String BLOCK_LEGACY = """
            {"displayName": "Block legacy authentication", "state": "enabledForReportingButNotEnforced",
             "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]},
                            "clientAppTypes": ["exchangeActiveSync", "other"]},
             "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
            """;


    private static Response create(String body) {
        return as(Roles.ADMIN).contentType(ContentType.JSON).body(body).post(POLICIES);
    }

    @Test
    void anAdministratorCreatesAPolicyAndReadsItBackWithItsVersion() {
        Response created = create(BLOCK_LEGACY);
        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString(POLICIES + "/"))
                .body("displayName", equalTo("Block legacy authentication"))
                .body("conditions.clientAppTypes", hasItem("other"));
        String id = created.jsonPath().getString("id");

        as(Roles.READER).get(POLICIES + "/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("state", equalTo("enabledForReportingButNotEnforced"));
        as(Roles.READER).get(POLICIES).then().statusCode(200).body("value.id", hasItem(id));
    }

    @Test
    void everyPolicySaysWhenItLastChangedAndAWriteCannotSetThat() {
        Response created = create(BLOCK_LEGACY);
        String id = created.jsonPath().getString("id");
        Instant createdAt = Instant.parse(created.jsonPath().getString("modifiedDateTime"));
        Instant read = Instant.parse(as(Roles.READER).get(POLICIES + "/" + id).jsonPath().getString("modifiedDateTime"));
        assertThat(read).as("a GET says what the write said").isEqualTo(createdAt);
        assertThat(as(Roles.READER).get(POLICIES).jsonPath().getString("value.find { it.id == '" + id + "' }.modifiedDateTime"))
                .as("so does the list").isEqualTo(createdAt.toString());

        Response patched = as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"state\": \"disabled\", \"modifiedDateTime\": \"2001-01-01T00:00:00Z\"}").patch(POLICIES + "/" + id);
        patched.then().statusCode(200).body("'@portcullis.warnings'.path", hasItem("modifiedDateTime"));
        Instant changedAt = Instant.parse(patched.jsonPath().getString("modifiedDateTime"));
        assertThat(changedAt).as("the control plane sets it, not the writer").isAfter(createdAt);
        assertThat(as(Roles.READER).get(POLICIES + "/" + id).jsonPath().getString("modifiedDateTime"))
                .isEqualTo(changedAt.toString());

        // Named locations and authentication strengths too; a built-in strength never changed.
        as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Dated",
                 "countriesAndRegions": ["DE"], "includeUnknownCountriesAndRegions": false}
                """).post("/v1.0/identity/conditionalAccess/namedLocations").then().statusCode(201)
                .body("modifiedDateTime", notNullValue());
        as(Roles.READER).get("/v1.0/identity/conditionalAccess/authenticationStrength/policies/"
                + AuthenticationStrength.MFA_ID).then().statusCode(200).body("$", not(hasKey("modifiedDateTime")));
    }

    @Test
    void badInputIsAProblemNamingEveryFieldAndNothingIsStored() {
        int before = as(Roles.READER).get(POLICIES).jsonPath().getList("value").size();
        create("""
                {"displayName": "Bad", "state": "on",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]},
                                "locations": {"includeLocations": ["nowhere"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """).then().statusCode(400).contentType("application/problem+json")
                .body("errors.path", hasItem("state"))
                .body("errors.message", hasItem(containsString("unknown value 'on'")));
        create("{\"displayName\": ").then().statusCode(400).body("errors[0].message", containsString("malformed JSON"));
        as(Roles.ADMIN).contentType(ContentType.TEXT).body("hello").post(POLICIES).then().statusCode(415);
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"x\":\"" + "a".repeat(70_000) + "\"}").post(POLICIES)
                .then().statusCode(413);
        as(Roles.READER).get(POLICIES).then().body("value.size()", equalTo(before));
    }

    @Test
    void aStaleChangeIsRefusedWith412AndTheCurrentVersionWins() {
        String id = create(BLOCK_LEGACY).jsonPath().getString("id");
        as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"state\": \"enabled\"}")
                .patch(POLICIES + "/" + id).then().statusCode(200).header("ETag", "\"2\"").body("state", equalTo("enabled"));

        as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"state\": \"disabled\"}")
                .patch(POLICIES + "/" + id).then().statusCode(412).body("detail", containsString("version 2"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"state\": \"disabled\"}")
                .patch(POLICIES + "/" + id).then().statusCode(428);
        as(Roles.READER).get(POLICIES + "/" + id).then().body("state", equalTo("enabled"));

        as(Roles.ADMIN).header("If-Match", "\"1\"").delete(POLICIES + "/" + id).then().statusCode(412);
        as(Roles.ADMIN).header("If-Match", "\"2\"").delete(POLICIES + "/" + id).then().statusCode(204);
        as(Roles.READER).get(POLICIES + "/" + id).then().statusCode(404).contentType("application/problem+json");

        // Every change is in the audit log: who, what, before and after; refused changes are not.
        io.restassured.path.json.JsonPath audit = as(Roles.READER).get("/v1.0/auditLogs/directoryAudits?$top=1000")
                .then().statusCode(200).extract().jsonPath();
        java.util.List<String> activities = audit.getList("value.findAll { it.targetResources[0].id == '" + id
                + "' }.activityDisplayName");
        org.assertj.core.api.Assertions.assertThat(activities)
                .containsExactly("delete policy", "update policy", "create policy");
        org.assertj.core.api.Assertions.assertThat(audit.getString("value.find { it.targetResources[0].id == '" + id
                + "' && it.activityDisplayName == 'update policy' }.initiatedBy.user.userPrincipalName"))
                .isEqualTo("alice@example.test");
        org.assertj.core.api.Assertions.assertThat(audit.getString("value.find { it.targetResources[0].id == '" + id
                + "' && it.activityDisplayName == 'update policy' }.targetResources[0].modifiedProperties[0].newValue"))
                .contains("\"state\":\"enabled\"");
        as(Roles.NODE).get("/v1.0/auditLogs/directoryAudits").then().statusCode(403);
    }

    @Test
    void partsPortcullisCannotEnforceAreWarnedAboutOrRefusedInStrictMode() {
        String withTerms = BLOCK_LEGACY.replace("\"builtInControls\": [\"block\"]",
                "\"builtInControls\": [\"mfa\"], \"termsOfUse\": [\"tou-1\"]");
        create(withTerms).then().statusCode(201).body("'@portcullis.warnings'.path", hasItem("grantControls.termsOfUse"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body(withTerms).post(POLICIES + "?strict=true")
                .then().statusCode(400).body("errors.path", hasItem("grantControls.termsOfUse"));
    }

    @Test
    void nodesPullAVersionedSnapshotAndGet304WhenNothingChanged() {
        create(BLOCK_LEGACY);
        Response first = as(Roles.NODE).get(SNAPSHOT);
        JsonPath snapshot = SignedSnapshots.read(first);
        assertThat(snapshot.getList("policies.displayName", String.class)).contains("Block legacy authentication");
        String etag = first.header("ETag");
        // The ETag names the database's epoch and the version, both inside the signed snapshot.
        assertThat(etag).isEqualTo("\"" + snapshot.getString("epoch") + "." + snapshot.getLong("version") + "\"");
        as(Roles.NODE).header("If-None-Match", etag).get(SNAPSHOT).then().statusCode(304).header("ETag", etag);
        // The same version of another epoch (a node that enforced a database since rebuilt) is not up to date.
        as(Roles.NODE).header("If-None-Match", "\"another-epoch." + snapshot.getLong("version") + "\"").get(SNAPSHOT)
                .then().statusCode(200);
        create(BLOCK_LEGACY);
        as(Roles.NODE).header("If-None-Match", etag).get(SNAPSHOT).then().statusCode(200);
    }

    @Test
    void theKeysSnapshotsAreSignedWithArePublishedToAnyoneAsAJwkSetThatVerifiesThem() {
        Response keys = given().get(SNAPSHOT + "/keys");
        keys.then().statusCode(200).contentType("application/jwk-set+json")
                .body("keys.kid", hasItem(SignedSnapshots.KEY.keyId())).body("keys.alg", hasItem("ES256"));
        assertThat(keys.asString()).as("public parts only").doesNotContain("\"d\"").doesNotContain("\"p\"");

        Opened opened = SnapshotEnvelope.open(as(Roles.NODE).get(SNAPSHOT).asByteArray(),
                TrustedKeys.of(SnapshotKeys.read(keys.asByteArray())));
        assertThat(opened).isInstanceOf(Opened.Verified.class);
    }

    @Test
    void aNodeThatAsksToWaitIsAnsweredWhenAPolicyChangesAndOtherwiseGetsThe304WhenTheWaitEnds() throws Exception {
        create(BLOCK_LEGACY);
        String etag = as(Roles.NODE).get(SNAPSHOT).header("ETag");
        // Nothing changes: the 304 comes when the wait ends, and says the wait was applied.
        as(Roles.NODE).header("If-None-Match", etag).header("Prefer", "wait=1").get(SNAPSHOT).then().statusCode(304)
                .header("Preference-Applied", "wait=1");
        // Not a wait this server honours (RFC 7240: ignored): a plain 304 at once.
        as(Roles.NODE).header("If-None-Match", etag).header("Prefer", "wait=soon").get(SNAPSHOT).then().statusCode(304)
                .header("Preference-Applied", org.hamcrest.Matchers.nullValue());
        // A policy created while the node waits wakes it with the new snapshot before the wait is up (it asks for 20 s;
        // these tests cap waits at 3 s, and a wait that runs out answers 304, never the new policy).
        java.util.concurrent.CompletableFuture<Response> held = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                as(Roles.NODE).header("If-None-Match", etag).header("Prefer", "respond-async, wait=20").get(SNAPSHOT));
        Thread.sleep(300);
        assertThat(held).isNotDone();
        create(BLOCK_LEGACY.replace("Block legacy authentication", "Created while a node waited"));
        Response woken = held.get(10, java.util.concurrent.TimeUnit.SECONDS);
        woken.then().statusCode(200).header("Preference-Applied", "wait=3");
        assertThat(SignedSnapshots.read(woken).getList("policies.displayName", String.class))
                .contains("Created while a node waited");
        assertThat(woken.header("ETag")).isNotEqualTo(etag);
        // A node behind by a version gets it at once, told its wait was honoured so that it may ask again at once.
        as(Roles.NODE).header("If-None-Match", etag).header("Prefer", "wait=20").get(SNAPSHOT).then().statusCode(200)
                .header("Preference-Applied", "wait=3").header("ETag", woken.header("ETag"));
        // A wait longer than the server's cap is cut to it (portcullis.snapshot.max-wait: 30 s, 3 s in these tests).
        as(Roles.READER).header("If-None-Match", woken.header("ETag")).header("Prefer", "wait=999999").get(SNAPSHOT)
                .then().statusCode(304).header("Preference-Applied", "wait=3");
    }

    @Test
    void aPolicyCanUseANamedLocationWhichThenCannotBeDeletedUnderIt() {
        String locations = "/v1.0/identity/conditionalAccess/namedLocations";
        as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "isTrusted": true,
                 "ipRanges": [{"cidrAddress": "10.1.2.300/24"}]}
                """).post(locations).then().statusCode(400)
                .body("errors[0].path", equalTo("ipRanges[0].cidrAddress"))
                .body("errors[0].message", containsString("bad IP address"));
        String office = as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "isTrusted": true,
                 "ipRanges": [{"cidrAddress": "10.1.2.0/24"}]}
                """).post(locations).then().statusCode(201).extract().jsonPath().getString("id");
        String policy = create(BLOCK_LEGACY.replace("\"clientAppTypes\"",
                "\"locations\": {\"includeLocations\": [\"All\"], \"excludeLocations\": [\"" + office + "\"]}, \"clientAppTypes\""))
                .then().statusCode(201).extract().jsonPath().getString("id");

        as(Roles.ADMIN).header("If-Match", "\"1\"").delete(locations + "/" + office).then().statusCode(409)
                .body("detail", containsString("Block legacy authentication"));
        as(Roles.ADMIN).header("If-Match", "\"1\"").delete(POLICIES + "/" + policy).then().statusCode(204);
        as(Roles.ADMIN).header("If-Match", "\"1\"").delete(locations + "/" + office).then().statusCode(204);
    }

    @Test
    void whatIfAnswersPolicyByPolicyAndAsADecisionForDraftsOrStoredPolicies() {
        String evaluate = "/v1.0/identity/conditionalAccess/evaluate";
        String draft = BLOCK_LEGACY.replace("enabledForReportingButNotEnforced", "enabled");
        as(Roles.READER).contentType(ContentType.JSON).body("""
                {"signInIdentity": {"userId": "anna", "groupIds": ["finance"]},
                 "signInContext": {"includeApplications": ["mail"]},
                 "signInConditions": {"clientAppType": "other", "ipAddress": "198.51.100.7", "country": "DE"},
                 "policies": [%s]}
                """.formatted(draft)).post(evaluate).then().statusCode(200)
                .body("decision.result", equalTo("block"))
                .body("value[0].policyApplies", equalTo(true))
                .body("value[0].result", equalTo("failure"));
        as(Roles.READER).contentType(ContentType.JSON).body("""
                {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]},
                 "signInConditions": {"clientAppType": "browser"}, "appliedPoliciesOnly": true, "policies": [%s]}
                """.formatted(draft)).post(evaluate).then().statusCode(200)
                .body("decision.result", equalTo("allow")).body("value.size()", equalTo(0));
        as(Roles.READER).contentType(ContentType.JSON).body("""
                {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]},
                 "signInConditions": {"clientAppType": "fax", "ipAddress": "999.1.1.1"}}
                """).post(evaluate).then().statusCode(400)
                .body("errors.path", hasItem("signInConditions.clientAppType"))
                .body("errors.path", hasItem("signInConditions.ipAddress"));
        as(Roles.NODE).contentType(ContentType.JSON).body("{}").post(evaluate).then().statusCode(403);
    }

    @Test
    void whatIfWithAPolicyBeingEditedEvaluatesItWithTheStoredOnesInPlaceOfItsStoredVersion() {
        String evaluate = "/v1.0/identity/conditionalAccess/evaluate";
        String id = create(BLOCK_LEGACY.replace("Block legacy authentication", "Draft target")).jsonPath().getString("id");
        String question = """
                {"signInIdentity": {"userId": "anna", "groupIds": [], "roleIds": []},
                 "signInContext": {"includeApplications": ["portal"]},
                 "signInConditions": {"clientAppType": "browser", "registeredMethods": ["password"]},
                 "draftPolicy": %s}
                """;
        String edited = BLOCK_LEGACY.replace("enabledForReportingButNotEnforced", "enabled")
                .replace("\"exchangeActiveSync\", \"other\"", "\"browser\"")
                .replace("{\"displayName\"", "{\"id\": \"" + id + "\", \"displayName\"");
        Response answer = as(Roles.READER).contentType(ContentType.JSON).body(question.formatted(edited)).post(evaluate);
        answer.then().statusCode(200).body("decision.result", equalTo("block"))
                .body("value.findAll { it.id == '" + id + "' }.size()", equalTo(1))
                .body("value.find { it.id == '" + id + "' }.policyApplies", equalTo(true));
        assertThat(answer.jsonPath().getList("value.id").size())
                .as("the other stored policies are evaluated too")
                .isEqualTo(as(Roles.READER).get(POLICIES).jsonPath().getList("value").size());
        as(Roles.READER).contentType(ContentType.JSON).body(question.formatted(
                        BLOCK_LEGACY.replace("\"other\"", "\"fax\"").replace("Block legacy authentication", " ")))
                .post(evaluate).then().statusCode(400)
                .body("errors.path", hasItem("draftPolicy.conditions.clientAppTypes[1]"));
        as(Roles.READER).contentType(ContentType.JSON).body(question.formatted(
                        BLOCK_LEGACY.replace("Block legacy authentication", " "))).post(evaluate).then().statusCode(400)
                .body("errors.path", contains("draftPolicy.displayName"));
    }

    @Test
    void nodesShipSignInRecordsThatAdministratorsQuery() {
        String signIns = "/v1.0/auditLogs/signIns";
        String record = """
                {"id": "rec-%s", "correlationId": "login-%<s", "createdDateTime": "2026-11-24T08:00:00Z",
                 "userId": "anna", "appId": "portal",
                 "clientAppUsed": "browser", "ipAddress": "198.51.100.7", "location": {"countryOrRegion": "DE"},
                 "deviceDetail": {"operatingSystem": "windows"}, "riskLevelDuringSignIn": "none",
                 "conditionalAccessStatus": "failure",
                 "portcullis": {"realm": "demo", "decision": "block", "decisionDetails": ["Geo: blocked by policy"],
                                "riskReasons": []},
                 "appliedConditionalAccessPolicies": [{"id": "p-geo", "displayName": "Geo", "result": "failure",
                                                       "reasons": ["grantControls: block"]}]}
                """;
        as(Roles.NODE).contentType(ContentType.JSON).body("[" + record.formatted("1") + "," + record.formatted("2") + "]")
                .post(signIns).then().statusCode(202);
        // What a blocked user quotes from the block page finds their record.
        as(Roles.READER).get(signIns + "?correlationId=login-2").then().statusCode(200)
                .body("value.id", contains("rec-2")).body("value[0].correlationId", equalTo("login-2"))
                .body("value[0].appliedConditionalAccessPolicies[0].displayName", equalTo("Geo"));
        as(Roles.READER).get(signIns + "?id=rec-1").then().statusCode(200).body("value.correlationId", contains("login-1"));
        as(Roles.NODE).contentType(ContentType.JSON).body("[{\"id\": \"x\"}]").post(signIns)
                .then().statusCode(400).body("errors.path", hasItem("[0].userId"));
        as(Roles.READER).get(signIns + "?userId=anna").then().statusCode(200)
                .body("value[0].portcullis.decision", equalTo("block"))
                .body("value[0].appliedConditionalAccessPolicies[0].id", equalTo("p-geo"));
        as(Roles.READER).get(signIns + "?from=yesterday").then().statusCode(400).body("errors[0].path", equalTo("from"));
        as(Roles.NODE).get(signIns).then().statusCode(403);
        as(Roles.READER).contentType(ContentType.JSON).body("[]").post(signIns).then().statusCode(403);
    }

    @Test
    void aBlockedHighRiskSignInRaisesAnAlertKeptForTheTeamAndPushedToTheWebhook() throws Exception {
        String record = """
                [{"id": "risky-1", "createdDateTime": "2026-11-24T02:00:00Z", "userId": "max", "appId": "finance",
                 "clientAppUsed": "browser", "ipAddress": "203.0.113.50", "location": {"countryOrRegion": "BR"},
                 "deviceDetail": {"operatingSystem": null}, "riskLevelDuringSignIn": "high",
                 "conditionalAccessStatus": "failure",
                 "portcullis": {"realm": "demo", "decision": "block",
                                "decisionDetails": ["Block high-risk sign-ins: blocked by policy"],
                                "riskReasons": ["unfamiliarCountry: no sign-in from BR", "unusualHours: 03:00 in UTC"]},
                 "appliedConditionalAccessPolicies": []}]
                """;
        as(Roles.NODE).contentType(ContentType.JSON).body(record).post("/v1.0/auditLogs/signIns").then().statusCode(202);
        as(Roles.NODE).contentType(ContentType.JSON).body(record).post("/v1.0/auditLogs/signIns").then().statusCode(202);

        as(Roles.READER).get("/v1.0/security/portcullisAlerts").then().statusCode(200)
                .body("value.findAll { it.signInId == 'risky-1' }.size()", equalTo(1))
                .body("value.find { it.signInId == 'risky-1' }.riskReasons", hasItem(containsString("unfamiliarCountry")));
        for (int i = 0; i < 100 && WebhookReceiver.RECEIVED.stream().noneMatch(r -> r.contains("risky-1")); i++) {
            Thread.sleep(100);
        }
        org.assertj.core.api.Assertions.assertThat(WebhookReceiver.RECEIVED).filteredOn(r -> r.contains("risky-1"))
                .singleElement().satisfies(r -> org.assertj.core.api.Assertions.assertThat(r).startsWith("sha256="));

        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"comment\": \"travelling; confirmed with the user\"}")
                .post("/v1.0/security/portcullisAlerts/alert-risky-1/acknowledge").then().statusCode(200)
                .body("acknowledgement.by", equalTo("alice@example.test"));
        as(Roles.READER).contentType(ContentType.JSON).body("{}")
                .post("/v1.0/security/portcullisAlerts/alert-risky-1/acknowledge").then().statusCode(403);
    }

    @Test
    void aTemplateBecomesAReportOnlyPolicyForThisDirectory() {
        String templates = "/v1.0/identity/conditionalAccess/templates";
        as(Roles.READER).get(templates).then().statusCode(200).body("value.id", hasItem("block-legacy-authentication"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"breakGlassUserIds\": [\"glass-1\"]}")
                .post(templates + "/block-legacy-authentication/instantiate").then().statusCode(201)
                .header("Location", containsString(POLICIES + "/"))
                .body("state", equalTo("enabledForReportingButNotEnforced"))
                .body("conditions.users.excludeUsers", hasItem("glass-1"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}")
                .post(templates + "/require-mfa-for-all-users/instantiate").then().statusCode(400)
                .body("errors.path", hasItem("conditions.users"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(templates + "/no-such/instantiate")
                .then().statusCode(404);
        as(Roles.READER).contentType(ContentType.JSON).body("{}")
                .post(templates + "/block-legacy-authentication/instantiate").then().statusCode(403);
    }

    @Test
    void everyEndpointRefusesStrangersAndWrongRoles() {
        given().get(POLICIES).then().statusCode(401);
        given().get(SNAPSHOT).then().statusCode(401);
        given().contentType(ContentType.JSON).body(BLOCK_LEGACY).post(POLICIES).then().statusCode(401);
        as(Roles.NODE).get(POLICIES).then().statusCode(403);
        as(Roles.READER).contentType(ContentType.JSON).body(BLOCK_LEGACY).post(POLICIES).then().statusCode(403);
        as(Roles.NODE).contentType(ContentType.JSON).body(BLOCK_LEGACY).post(POLICIES).then().statusCode(403);
        as(Roles.READER).header("If-Match", "\"1\"").delete(POLICIES + "/x").then().statusCode(403);
        as(Roles.NODE).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{}").patch(POLICIES + "/x")
                .then().statusCode(403);
    }
}
