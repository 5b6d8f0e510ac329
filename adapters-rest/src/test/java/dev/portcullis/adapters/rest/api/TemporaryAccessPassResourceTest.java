package dev.portcullis.adapters.rest.api;

import static dev.portcullis.adapters.rest.api.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

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
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue once (the pass in that answer only), list, refuse a second, revoke; bad input named; audited without the pass. */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class TemporaryAccessPassResourceTest {

    private static final String METHODS = "/v1.0/users/%s/authentication/temporaryAccessPassMethods";
    private static final String AUDIT = "/v1.0/auditLogs/directoryAudits";
    private static final String SNAPSHOT = "/v1.0/identity/conditionalAccess/snapshot";

    @Inject
    InMemoryDirectory directory;

    private String userId;
    private String username;


    @BeforeEach
    void aUserInTheDirectory() {
        userId = UUID.randomUUID().toString();
        username = "traveller-" + userId.substring(0, 8);
        directory.put(new DirectoryUser(new UserIdentity(userId, Set.of(), Set.of(), false), username,
                RegistrationState.nothing(), false));
    }

    private String methods() {
        return METHODS.formatted(username);
    }

    private String audit() {
        return as(Roles.ADMIN).queryParam("$top", 1000).get(AUDIT).asString();
    }

    @Test
    void issuedOnceByUsernameListedWithoutThePassAndRevoked() {
        Response issued = as(Roles.ADMIN).contentType(ContentType.JSON)
                .body("{\"lifetimeInMinutes\": 120, \"isUsableOnce\": true}").post(methods());
        issued.then().statusCode(201).header("Cache-Control", containsString("no-store"))
                .body("lifetimeInMinutes", equalTo(120)).body("isUsableOnce", equalTo(true))
                .body("isUsable", equalTo(true)).body("methodUsabilityReason", equalTo("EnabledByPolicy"))
                .body("$", hasKey("createdDateTime")).body("$", not(hasKey("verifier")));
        String pass = issued.jsonPath().getString("temporaryAccessPass");
        String id = issued.jsonPath().getString("id");
        assertThat(pass).hasSize(20);

        String listed = as(Roles.READER).get(METHODS.formatted(userId)).then().statusCode(200)
                .body("value.id", hasItem(id)).extract().asString();
        assertThat(listed).doesNotContain(pass).doesNotContain("verifier").doesNotContain("temporaryAccessPass\"");
        JsonPath snapshot = SignedSnapshots.read(as(Roles.NODE).get(SNAPSHOT));
        assertThat(snapshot.getString("temporaryAccessPasses.find { it.userId == '" + userId + "' }.verifier.hash"))
                .isNotBlank();
        assertThat(snapshot.prettify()).doesNotContain(pass);

        as(Roles.ADMIN).delete(methods() + "/" + id).then().statusCode(204);
        as(Roles.READER).get(methods()).then().statusCode(200).body("value", org.hamcrest.Matchers.empty());
        as(Roles.ADMIN).delete(methods() + "/" + id).then().statusCode(404);

        String audit = audit();
        assertThat(audit).doesNotContain(pass).doesNotContain("\"hash\"");
        JsonPath entries = JsonPath.from(audit);
        assertThat(entries.getList("value.findAll { it.targetResources[0].id == '" + userId + "' }.activityDisplayName"))
                .contains("issue temporary access pass for user", "revoke temporary access pass of user");
    }

    @Test
    void aUseANodeReportsIsAuditedOnceAndSpendsAOneTimePass() {
        String id = as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"isUsableOnce\": true}").post(methods())
                .then().statusCode(201).extract().path("id");
        String record = """
                [{"id": "%s", "createdDateTime": "%s", "userId": "%s", "appId": "urn:user:registersecurityinfo",
                 "clientAppUsed": "browser", "ipAddress": null, "location": {"countryOrRegion": null},
                 "deviceDetail": {"operatingSystem": null}, "riskLevelDuringSignIn": "none",
                 "conditionalAccessStatus": "notApplied", "correlationId": "login-%s",
                 "portcullis": {"realm": "demo", "decision": "requireControls",
                  "decisionDetails": ["temporaryAccessPass used: %s"], "riskReasons": []},
                 "appliedConditionalAccessPolicies": []}]
                """.formatted("use-" + id, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                userId, id, id);
        as(Roles.NODE).contentType(ContentType.JSON).body(record).post("/v1.0/auditLogs/signIns").then().statusCode(202);
        as(Roles.NODE).contentType(ContentType.JSON).body(record).post("/v1.0/auditLogs/signIns").then().statusCode(202);

        JsonPath entries = JsonPath.from(audit());
        assertThat(entries.getList("value.findAll { it.activityDisplayName == 'use temporary access pass of user'"
                + " && it.targetResources[0].id == '" + userId + "' }.correlationId")).containsExactly("login-" + id);
        assertThat(entries.getString("value.find { it.correlationId == 'login-" + id + "' }"
                + ".targetResources[0].modifiedProperties[0].newValue")).contains(id).doesNotContain("verifier");

        as(Roles.READER).get(methods()).then().statusCode(200).body("value[0].isUsable", equalTo(false))
                .body("value[0].methodUsabilityReason", equalTo("OneTimeUsed"));
        assertThat(SignedSnapshots.read(as(Roles.NODE).get(SNAPSHOT))
                .getList("temporaryAccessPasses.findAll { it.userId == '" + userId + "' }")).isEmpty();
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(methods()).then().statusCode(201);
    }

    @Test
    void aSecondPassIsRefusedWhileTheFirstHasNotExpired() {
        String id = as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(methods()).then().statusCode(201)
                .body("lifetimeInMinutes", equalTo(60)).body("isUsableOnce", equalTo(false))
                .extract().path("id");
        String before = audit();
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(methods()).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(id));
        assertThat(audit()).isEqualTo(before);
    }

    @Test
    void aPassThatStartsLaterIsNotYetUsable() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"startDateTime\": \"2099-01-01T08:00:00Z\"}")
                .post(methods()).then().statusCode(201).body("isUsable", equalTo(false))
                .body("methodUsabilityReason", equalTo("NotYetValid"))
                .body("startDateTime", equalTo("2099-01-01T08:00:00Z"));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndNothingIsWritten() {
        String before = audit();
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"lifetimeInMinutes\": 5}").post(methods()).then()
                .statusCode(400).contentType("application/problem+json").body("errors.path", hasItem("lifetimeInMinutes"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"lifetimeInMinutes\": 43201}").post(methods()).then()
                .statusCode(400).body("errors.path", hasItem("lifetimeInMinutes"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"isUsableOnce\": \"yes\", \"startDateTime\": \"soon\"}")
                .post(methods()).then().statusCode(400).body("errors.path", hasItem("isUsableOnce"))
                .body("errors.path", hasItem("startDateTime"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"temporaryAccessPass\": \"chosen-by-me\"}")
                .post(methods()).then().statusCode(400).body("errors.path", hasItem("temporaryAccessPass"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(METHODS.formatted("nobody")).then()
                .statusCode(404).contentType("application/problem+json");
        assertThat(audit()).isEqualTo(before);
        as(Roles.READER).get(methods()).then().statusCode(200).body("value", org.hamcrest.Matchers.empty());
    }

    @Test
    void theServiceDeskIssuesAndRevokesPassesWithMfaAndChangesNothingElse() {
        String id = as(Roles.HELPDESK).contentType(ContentType.JSON).body("{\"isUsableOnce\": true}").post(methods())
                .then().statusCode(201).extract().path("id");
        as(Roles.HELPDESK).get(methods()).then().statusCode(200).body("value.id", hasItem(id));
        as(Roles.HELPDESK).delete(methods() + "/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.person(TestTokens.PASSWORD_ONLY, Roles.HELPDESK)).contentType(ContentType.JSON)
                .body("{}").post(methods()).then().statusCode(403);
        // Not for an administrator: a pass would open an admin account to whoever holds the desk's token.
        directory.put(new DirectoryUser(new UserIdentity("root-" + userId, Set.of(), Set.of("admin"), false),
                "root-" + username, RegistrationState.nothing(), false));
        String before = audit();
        as(Roles.HELPDESK).contentType(ContentType.JSON).body("{}").post(METHODS.formatted("root-" + username)).then()
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("administrator"));
        assertThat(audit()).isEqualTo(before);
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(METHODS.formatted("root-" + username)).then()
                .statusCode(201);
        // An Authentication Administrator, not a Conditional Access one: policies are out of reach.
        as(Roles.HELPDESK).get("/v1.0/identity/conditionalAccess/policies").then().statusCode(403);
        as(Roles.HELPDESK).contentType(ContentType.JSON).body("{\"displayName\": \"x\", \"state\": \"disabled\"}")
                .post("/v1.0/identity/conditionalAccess/policies").then().statusCode(403);
    }

    @Test
    void onlyAnAdministratorWhoProvedMfaIssuesOne() {
        as(Roles.READER).contentType(ContentType.JSON).body("{}").post(methods()).then().statusCode(403);
        as(Roles.AUTOMATION).contentType(ContentType.JSON).body("{}").post(methods()).then().statusCode(403);
        given().auth().oauth2(TestTokens.person(TestTokens.PASSWORD_ONLY, Roles.ADMIN)).contentType(ContentType.JSON)
                .body("{}").post(methods()).then().statusCode(403);
        as(Roles.READER).get(methods()).then().statusCode(200).body("value", org.hamcrest.Matchers.empty());
    }

    @Test
    void aDirectoryThatCannotBeReadIssuesNothing() {
        directory.goDown();
        try {
            as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(methods()).then().statusCode(503);
        } finally {
            directory.clear();
        }
    }
}
