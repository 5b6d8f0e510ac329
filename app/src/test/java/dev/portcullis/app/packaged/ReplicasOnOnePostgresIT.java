package dev.portcullis.app.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.rest.api.LocationRace;
import dev.portcullis.app.ControlPlaneTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.security.PrivateKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two control-plane replicas, each the packaged application in its own process, on one real
 * PostgreSQL. A location is deleted through one replica while a policy naming it is created through
 * the other, again and again: the database decides who goes first, so either the policy is refused
 * (the location is gone) or the deletion is (the location is in use), never both. A lock held in
 * one process cannot do this; a policy naming a missing location would break every snapshot after it.
 */
class ReplicasOnOnePostgresIT {

    private static final String BASE = "/v1.0/identity/conditionalAccess";
    private static final int ROUNDS = 60;

    private static EmbeddedPostgres postgres;
    private static ControlPlaneProcess first;
    private static ControlPlaneProcess second;
    private static String adminToken;

    @BeforeAll
    static void twoReplicasOnOneDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        // One after the other: the first migrates the schema, the second finds it migrated.
        first = ControlPlaneProcess.postgres(url, "first");
        second = ControlPlaneProcess.postgres(url, "second");
        PrivateKey key = KeyUtils.readPrivateKey("privateKey.pem");
        adminToken = ControlPlaneTokens.person("admin@example.test", "portcullis-admin").sign(key);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ControlPlaneProcess replica : new ControlPlaneProcess[] {first, second}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static RequestSpecification admin(ControlPlaneProcess replica) {
        return given().baseUri(replica.baseUri()).auth().oauth2(adminToken).contentType(ContentType.JSON);
    }

    @Test
    void aChangeThroughOneReplicaIsReadThroughTheOther() {
        String id = admin(first).body("""
                {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Seen by both",
                 "countriesAndRegions": ["KP"]}
                """).post(BASE + "/namedLocations").then().statusCode(201).extract().path("id");
        admin(second).get(BASE + "/namedLocations/" + id).then().statusCode(200);
        admin(second).header("If-Match", "\"1\"").delete(BASE + "/namedLocations/" + id).then().statusCode(204);
        admin(first).get(BASE + "/namedLocations/" + id).then().statusCode(404);
    }

    @Test
    void aLocationIsNeverDeletedThroughOneReplicaUnderAPolicyCreatedThroughTheOther() throws Exception {
        LocationRace.Result raced = new LocationRace(BASE, () -> admin(first), () -> admin(second)).run(ROUNDS);
        System.out.println("two replicas, a location deleted while a policy names it: " + raced.outcomes());
        assertThat(raced.broken()).isEmpty();
        // Every policy stored names a location that exists, so both replicas still publish a snapshot.
        String node = Jwt.issuer("https://portcullis.test").audience("portcullis-control-plane").upn("node")
                .groups(Set.of("portcullis-node")).sign(KeyUtils.readPrivateKey("privateKey.pem"));
        for (ControlPlaneProcess replica : List.of(first, second)) {
            given().baseUri(replica.baseUri()).auth().oauth2(node).get(BASE + "/snapshot").then().statusCode(200);
        }
    }
}
