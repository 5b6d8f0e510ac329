package dev.portcullis.app.packaged;

import static dev.portcullis.app.ControlPlaneTokens.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The control plane as it ships: the packaged application (the fast-jar the container image holds),
 * started as a separate process. Nothing here reaches into the application, so the same tests run
 * unchanged against a native executable ({@code -Dnative}, see docs/deployment.md).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedControlPlane.class)
class PackagedControlPlaneIT {

    @Test
    void aPolicyWrittenThroughTheApiReachesTheSnapshotWithItsETag() {
        String id = given().auth().oauth2(token("portcullis-admin")).contentType(ContentType.JSON).body("""
                {"displayName": "Block legacy authentication", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]},
                                "clientAppTypes": ["exchangeActiveSync", "other"]},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """).post("/v1.0/identity/conditionalAccess/policies")
                .then().statusCode(201).extract().jsonPath().getString("id");
        Response snapshot = given().auth().oauth2(token("portcullis-node")).get("/v1.0/identity/conditionalAccess/snapshot");
        snapshot.then().statusCode(200).contentType(SnapshotEnvelope.MEDIA_TYPE);
        // Signed, and verifiable with the JWK set the control plane publishes.
        byte[] keys = given().get("/v1.0/identity/conditionalAccess/snapshot/keys").then().statusCode(200).extract().asByteArray();
        Opened opened = SnapshotEnvelope.open(snapshot.asByteArray(), TrustedKeys.of(SnapshotKeys.read(keys)));
        assertThat(opened).isInstanceOf(Opened.Verified.class);
        assertThat(new String(((Opened.Verified) opened).payload(), StandardCharsets.UTF_8)).contains("\"id\":\"" + id + "\"");
        given().auth().oauth2(token("portcullis-node")).header("If-None-Match", snapshot.header("ETag"))
                .get("/v1.0/identity/conditionalAccess/snapshot").then().statusCode(304);
    }

    /** The provider runs inside Keycloak; the control plane configures realms with its ids and never ships it. */
    @Test
    void theShippedApplicationHoldsNoKeycloakProvider() throws IOException {
        Path lib = Path.of("target/quarkus-app/lib/main");
        Assumptions.assumeTrue(Files.isDirectory(lib), "a fast-jar build (a native executable has no lib folder)");
        try (Stream<Path> jars = Files.list(lib)) {
            assertThat(jars.map(jar -> jar.getFileName().toString()).toList())
                    .anyMatch(name -> name.contains("portcullis-adapters-keycloak-admin"))
                    .noneMatch(name -> name.contains("portcullis-adapters-keycloak-0"))
                    .noneMatch(name -> name.contains("maxmind"));
        }
    }

    @Test
    void whatIfAnswersWithTheEvaluatorsDecision() {
        given().auth().oauth2(token("portcullis-reader")).contentType(ContentType.JSON).body("""
                {"signInIdentity": {"userId": "anna", "groupIds": []},
                 "signInContext": {"includeApplications": ["portal"]},
                 "signInConditions": {"clientAppType": "other"},
                 "policies": [{"id": "p", "displayName": "Block legacy", "state": "enabled",
                               "conditions": {"users": {"includeUsers": ["All"]},
                                              "applications": {"includeApplications": ["All"]},
                                              "clientAppTypes": ["other"]},
                               "grantControls": {"operator": "OR", "builtInControls": ["block"]}}]}
                """).post("/v1.0/identity/conditionalAccess/evaluate")
                .then().statusCode(200).body("decision.result", equalTo("block"));
    }

    @Test
    void badInputIsAProblemAndStrangersAreRefused() {
        given().auth().oauth2(token("portcullis-admin")).contentType(ContentType.JSON).body("{\"displayName\": ")
                .post("/v1.0/identity/conditionalAccess/policies").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/v1.0/identity/conditionalAccess/policies").then().statusCode(401);
        given().auth().oauth2(token("portcullis-node")).get("/v1.0/identity/conditionalAccess/policies")
                .then().statusCode(403);
    }

    @Test
    void aChangeNeedsASignInThatProvedMfaAndATokenMeantForTheControlPlane() {
        String passwordOnly = Jwt.issuer("https://portcullis.test").audience("portcullis-control-plane")
                .upn("admin@example.test").groups(Set.of("portcullis-admin")).claim("amr", List.of("pwd")).sign();
        given().auth().oauth2(passwordOnly).contentType(ContentType.JSON).body("""
                {"displayName": "Switched on with a phished password", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """).post("/v1.0/identity/conditionalAccess/policies").then().statusCode(403)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_user_authentication\""))
                .body("detail", equalTo("this change needs a sign-in that proved MFA; sign in again with MFA"));
        given().auth().oauth2(passwordOnly).get("/v1.0/identity/conditionalAccess/policies").then().statusCode(200)
                .body("value.displayName", not(hasItem("Switched on with a phished password")));
        String otherAudience = Jwt.issuer("https://portcullis.test").audience("account").upn("admin@example.test")
                .groups(Set.of("portcullis-admin")).claim("amr", List.of("otp", "pwd", "mfa")).sign();
        given().auth().oauth2(otherAudience).get("/v1.0/identity/conditionalAccess/policies").then().statusCode(401);
    }

    @Test
    void healthOpenApiAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("format", "json").get("/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/v1.0/identityProtection/riskyUsers"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("portcullis_snapshot_version"));
    }

    @Test
    void theConsoleShipsWithPatternFlyAndNamesWhereToSignIn() {
        // Typed without the slash, the address leads to the console, and the console itself is not redirected.
        given().redirects().follow(false).get("/console").then().statusCode(308).header("Location", equalTo("console/"));
        String page = given().get("/console/").then().statusCode(200).contentType(ContentType.HTML)
                .header("Content-Security-Policy", containsString("connect-src 'self' https://portcullis.test/"))
                .header("Cache-Control", equalTo("no-cache")).extract().asString();
        // What the page names lives in a folder named for the build, which browsers keep for good.
        Matcher main = Pattern.compile("src=\"(assets-[0-9]{14})/js/main.js\"").matcher(page);
        assertThat(main.find()).as("the page names its build's scripts: " + page).isTrue();
        String assets = "/console/" + main.group(1);
        given().get(assets + "/js/main.js").then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
        // Not what is missing: another build's page asking this one during an upgrade must not keep a 404.
        given().get(assets + "/js/not-in-this-build.js").then().statusCode(404).header("Cache-Control", equalTo("no-store"));
        given().get(assets + "/vendor/patternfly-v5/patternfly.min.css").then().statusCode(200)
                .body(containsString("pf-v5-theme-dark"));
        given().get(assets + "/vendor/patternfly-v5/assets/fonts/RedHatText/RedHatTextVF.woff2").then().statusCode(200);
        // Before anyone signs in: the token issuer's realm and the console's public client.
        given().get("/console/settings.json").then().statusCode(200)
                .body("realmUrl", equalTo("https://portcullis.test")).body("clientId", equalTo("portcullis-console"));
    }
}
