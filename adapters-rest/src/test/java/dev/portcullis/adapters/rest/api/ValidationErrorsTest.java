package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input is a problem (RFC 9457) naming the field, and changes nothing; random
 * input never makes the server fail.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class ValidationErrorsTest {

    private static final String POLICIES = "/v1.0/identity/conditionalAccess/policies";
    private static final String LOCATIONS = "/v1.0/identity/conditionalAccess/namedLocations";
    private static final String VALID = """
            {"displayName": "Require MFA", "state": "enabledForReportingButNotEnforced",
             "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
             "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
            """;

    private static RequestSpecification admin() {
        return given().auth().oauth2(Jwt.issuer("https://portcullis.test").upn("alice@example.test")
                .groups(Set.of(Roles.ADMIN)).sign()).contentType(ContentType.JSON);
    }

    private static String stored() {
        return admin().get(POLICIES).body().asString() + admin().get(LOCATIONS).body().asString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON              | /policies       | {"displayName": "x",                                   | ''
            wrong type                  | /policies       | {"displayName": 42, "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | displayName
            unknown enum value          | /policies       | {"displayName": "x", "state": "on", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | state
            unknown control             | /policies       | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["fingerprint"]}} | grantControls.builtInControls[0]
            unknown location id         | /policies       | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}, "locations": {"includeLocations": ["nowhere"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | conditions.locations.includeLocations[0]
            unknown strength id         | /policies       | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "authenticationStrength": {"id": "nope"}}} | grantControls.authenticationStrength
            bad CIDR                    | /namedLocations | {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "isTrusted": true, "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "10.0.0.300/8"}]} | ipRanges[0].cidrAddress
            bad country code            | /namedLocations | {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Bad", "countriesAndRegions": ["XX1"], "includeUnknownCountriesAndRegions": false} | countriesAndRegions[0]
            """)
    void badInputIsAProblemNamingTheFieldAndNothingIsStored(String kind, String collection, String body, String path) {
        String before = stored();
        Response response = admin().body(body).post("/v1.0/identity/conditionalAccess" + collection);
        response.then().statusCode(400).contentType("application/problem+json");
        if (!path.isEmpty()) {
            response.then().body("errors.path", hasItem(org.hamcrest.Matchers.startsWith(path)));
        }
        assertThat(stored()).as(kind + " changed nothing").isEqualTo(before);
    }

    @Test
    void anOversizeBodyIs413AsAProblemAndNothingIsStored() {
        String before = stored();
        admin().body("{\"displayName\": \"" + "a".repeat(70_000) + "\"}").post(POLICIES)
                .then().statusCode(413).contentType("application/problem+json");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void writesWithoutOrWithAStaleIfMatchAndUnknownIdsAreProblems() {
        String id = admin().body(VALID).post(POLICIES).then().statusCode(201).extract().path("id");
        admin().body("{\"state\": \"enabled\"}").patch(POLICIES + "/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        admin().header("If-Match", "\"7\"").body("{\"state\": \"enabled\"}").patch(POLICIES + "/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        admin().header("If-Match", "\"1\"").body("{\"state\": \"enabled\"}").patch(POLICIES + "/missing")
                .then().statusCode(404).contentType("application/problem+json");
        admin().header("If-Match", "\"1\"").delete(POLICIES + "/missing").then().statusCode(404);
        admin().get(POLICIES + "/" + id).then().statusCode(200).body("state",
                org.hamcrest.Matchers.equalTo("enabledForReportingButNotEnforced"));
    }

    /** Mutations of a valid policy (dropped, retyped and nonsense fields) and random bytes: never a 5xx. */
    @Test
    void noInputMakesTheServerFail() {
        Random random = new Random(20261124);
        List<String> bodies = new ArrayList<>();
        String[] replacements = {"null", "42", "\"\"", "[]", "{}", "true", "\"All\"", "[null]", "-1", "\"\\u0000\""};
        for (int i = 0; i < 120; i++) {
            String body = VALID;
            // replace a random JSON value with a random other one
            String[] values = {"\"Require MFA\"", "\"enabledForReportingButNotEnforced\"", "[\"All\"]", "\"OR\"",
                    "[\"mfa\"]", "{\"includeUsers\": [\"All\"]}"};
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                body = body.replace(values[random.nextInt(values.length)],
                        replacements[random.nextInt(replacements.length)]);
            }
            bodies.add(body);
        }
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            bodies.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            for (String path : List.of(POLICIES, LOCATIONS, "/v1.0/identity/conditionalAccess/evaluate",
                    "/v1.0/identity/conditionalAccess/authenticationStrength/policies")) {
                int status = admin().body(body).post(path).statusCode();
                if (status >= 500) {
                    failures.add(status + " from " + path + " for " + body);
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
