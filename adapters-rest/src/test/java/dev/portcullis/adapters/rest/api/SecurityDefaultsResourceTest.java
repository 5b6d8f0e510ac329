package dev.portcullis.adapters.rest.api;

import static dev.portcullis.adapters.rest.api.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Graph's Security Defaults switch, in an application of its own (a profile): the rule "no enabled
 * Conditional Access policy while it is on" needs a store the other tests do not fill.
 */
@QuarkusTest
@TestProfile(SecurityDefaultsResourceTest.OwnStore.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityDefaultsResourceTest {

    /** A profile of its own restarts the application, with an empty store. */
    public static class OwnStore implements QuarkusTestProfile {}

    private static final String SWITCH = "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy";
    private static final String POLICIES = "/v1.0/identity/conditionalAccess/policies";
    private static final String SNAPSHOT = "/v1.0/identity/conditionalAccess/snapshot";


    private static Response turn(boolean on) {
        return as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"isEnabled\": " + on + "}").patch(SWITCH);
    }

    private static String policy(String name, String state) {
        return as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"displayName": "%s", "state": "%s",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """.formatted(name, state)).post(POLICIES).then().statusCode(201).extract().path("id");
    }

    private static List<String> snapshotPolicyNames() {
        return SignedSnapshots.read(as(Roles.NODE).get(SNAPSHOT)).getList("policies.displayName", String.class);
    }

    @Test
    @Order(1)
    void offByDefaultAsGraphWritesItAndNotInTheSnapshot() {
        as(Roles.READER).get(SWITCH).then().statusCode(200)
                .body("id", equalTo("00000000-0000-0000-0000-000000000005"))
                .body("displayName", equalTo("Security Defaults"))
                .body("description", containsString("basic identity security mechanisms"))
                .body("isEnabled", equalTo(false));
        assertThat(snapshotPolicyNames()).noneMatch(name -> name.startsWith("Security defaults: "));
    }

    @Test
    @Order(2)
    void aReaderCannotSwitchItNorAnAdministratorWithoutMfa() {
        as(Roles.READER).contentType(ContentType.JSON).body("{\"isEnabled\": true}").patch(SWITCH).then().statusCode(403);
        given().auth().oauth2(TestTokens.person(List.of("pwd"), Roles.ADMIN)).contentType(ContentType.JSON)
                .body("{\"isEnabled\": true}").patch(SWITCH).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"isEnabled\": true}").patch(SWITCH).then().statusCode(401);
        as(Roles.READER).get(SWITCH).then().body("isEnabled", equalTo(false));
    }

    @Test
    @Order(3)
    void badInputIsAProblemNamingTheField() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"isEnabled\": \"yes\"}").patch(SWITCH).then()
                .statusCode(400).contentType("application/problem+json").body("errors.path", hasItem("isEnabled"))
                .body("errors.message", hasItem(containsString("true or false")));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"isEnabled\": true, \"enforced\": true}").patch(SWITCH)
                .then().statusCode(400).body("errors.path", hasItem("enforced"))
                .body("errors.message", hasItem("unknown property"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"displayName\": \"Mine\"}").patch(SWITCH).then()
                .statusCode(400).body("errors.path", hasItems("displayName", "isEnabled"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"isEnabled\": ").patch(SWITCH).then().statusCode(400)
                .body("errors[0].message", containsString("malformed JSON"));
        as(Roles.READER).get(SWITCH).then().body("isEnabled", equalTo(false));
    }

    @Test
    @Order(4)
    void refusedWhileAPolicyIsEnabledNamingItAndSayingWhatToDo() {
        String enabled = policy("MFA for everyone", "enabled");
        policy("Pilot", "enabledForReportingButNotEnforced");

        turn(true).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("disable or switch to report-only the 1 enabled Conditional Access"
                        + " policy first"))
                .body("detail", containsString("MFA for everyone (" + enabled + ")"))
                .body("errors.path", hasItem("isEnabled"));
        as(Roles.READER).get(SWITCH).then().body("isEnabled", equalTo(false));

        as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"state\": \"enabledForReportingButNotEnforced\"}").patch(POLICIES + "/" + enabled).then()
                .statusCode(200);
    }

    @Test
    @Order(5)
    void onItIsAuditedAndTheSnapshotCarriesItsPolicies() {
        turn(true).then().statusCode(200).header("ETag", "\"1\"").body("isEnabled", equalTo(true));
        as(Roles.READER).get(SWITCH).then().statusCode(200).header("ETag", "\"1\"").body("isEnabled", equalTo(true));

        assertThat(snapshotPolicyNames()).contains("Security defaults: block legacy authentication",
                "Security defaults: require MFA for administrators", "Security defaults: every user registers for MFA",
                "Security defaults: require MFA when necessary (medium or high sign-in risk)", "Pilot");
        as(Roles.READER).get("/v1.0/auditLogs/directoryAudits").then().statusCode(200)
                .body("value.activityDisplayName", hasItem("enable security defaults"))
                .body("value.targetResources.flatten().type", hasItem("SECURITY_DEFAULTS"));
    }

    @Test
    @Order(6)
    void whileItIsOnNoPolicyIsEnabledButReportOnlyIsFine() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"displayName": "Block", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """).post(POLICIES + "?force=true").then().statusCode(400).contentType("application/problem+json")
                .body("errors.path", hasItem("state"))
                .body("errors.message", hasItem(containsString("turn Security Defaults off first")));
        String pilot = policy("Second pilot", "enabledForReportingButNotEnforced");
        as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"state\": \"enabled\"}")
                .patch(POLICIES + "/" + pilot).then().statusCode(400).body("errors.path", hasItem("state"));
        as(Roles.READER).get(POLICIES + "/" + pilot).then().body("state", equalTo("enabledForReportingButNotEnforced"));
    }

    @Test
    @Order(7)
    void offAgainTheSnapshotNoLongerCarriesThemAndAPolicyCanBeEnabled() {
        as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"7\"").body("{\"isEnabled\": false}")
                .patch(SWITCH).then().statusCode(412);
        as(Roles.ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"isEnabled\": false}")
                .patch(SWITCH).then().statusCode(200).header("ETag", "\"2\"").body("isEnabled", equalTo(false));
        assertThat(snapshotPolicyNames()).noneMatch(name -> name.startsWith("Security defaults: "));
        policy("Now enabled", "enabled");
        as(Roles.READER).get(POLICIES).then().body("value.find { it.displayName == 'Now enabled' }.state",
                equalTo("enabled")).body("value.find { it.id.startsWith('security-defaults-') }", nullValue());
    }
}
