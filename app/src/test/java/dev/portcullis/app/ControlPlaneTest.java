package dev.portcullis.app;

import static dev.portcullis.app.ControlPlaneTokens.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The control plane as it runs: the REST adapter on the database through Flyway and JPA. */
@QuarkusTest
class ControlPlaneTest {

    @Test
    void aPolicyWrittenThroughTheApiIsStoredAndReachesTheNodesSnapshot() {
        String id = given().auth().oauth2(token("portcullis-admin")).contentType(ContentType.JSON).body("""
                {"displayName": "Require MFA for all users", "state": "enabledForReportingButNotEnforced",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """).post("/v1.0/identity/conditionalAccess/policies")
                .then().statusCode(201).extract().jsonPath().getString("id");

        byte[] envelope = given().auth().oauth2(token("portcullis-node")).get("/v1.0/identity/conditionalAccess/snapshot")
                .then().statusCode(200).extract().asByteArray();
        byte[] keys = given().get("/v1.0/identity/conditionalAccess/snapshot/keys").then().statusCode(200).extract().asByteArray();
        Opened opened = SnapshotEnvelope.open(envelope, TrustedKeys.of(SnapshotKeys.read(keys)));
        assertThat(opened).isInstanceOf(Opened.Verified.class);
        // The database's epoch, made by its migration, is in the signed snapshot.
        assertThat(new String(((Opened.Verified) opened).payload(), StandardCharsets.UTF_8)).contains("\"id\":\"" + id + "\"")
                .containsPattern("\"epoch\":\"[0-9a-f-]{36}\"");
    }

    @Test
    void theApiIsDescribedByAnOpenApiDocumentWithSwaggerUiAndMetricsForPrometheus() {
        given().queryParam("format", "json").get("/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/v1.0/identity/conditionalAccess/evaluate"))
                .body("paths.keySet()", hasItem("/v1.0/identity/conditionalAccess/authenticationStrength/policies"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("portcullis_snapshot_version"));
    }

    @Test
    void healthSaysTheDatabaseIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
