package dev.portcullis.app.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        adminToken = Jwt.issuer("https://portcullis.test").audience("portcullis-control-plane").upn("admin@example.test")
                .groups(Set.of("portcullis-admin")).claim("amr", List.of("otp", "pwd", "mfa")).sign(key);
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
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> broken = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String location = admin(first).body("""
                        {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Race %d",
                         "countriesAndRegions": ["KP"]}
                        """.formatted(round)).post(BASE + "/namedLocations").then().statusCode(201).extract().path("id");
                String policy = """
                        {"displayName": "Race %d", "state": "enabledForReportingButNotEnforced",
                         "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]},
                                        "locations": {"includeLocations": ["%s"]}},
                         "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                        """.formatted(round, location);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Response> create = pool.submit(() -> {
                    start.await();
                    return admin(first).body(policy).post(BASE + "/policies");
                });
                Future<Integer> delete = pool.submit(() -> {
                    start.await();
                    return admin(second).header("If-Match", "\"1\"").delete(BASE + "/namedLocations/" + location)
                            .statusCode();
                });
                int created = create.get().statusCode();
                int deleted = delete.get();
                outcomes.merge("create " + created + " / delete " + deleted, 1, Integer::sum);
                assertThat(created).as("policy creation through the first replica").isIn(201, 400);
                assertThat(deleted).as("location deletion through the second replica").isIn(204, 409);
                if (created == 201 && deleted == 204) {
                    broken.add("round " + round + ": policy created and its location deleted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("two replicas, a location deleted while a policy names it: " + outcomes);
        assertThat(broken).isEmpty();
        // Every policy stored names a location that exists, so both replicas still publish a snapshot.
        String node = Jwt.issuer("https://portcullis.test").audience("portcullis-control-plane").upn("node")
                .groups(Set.of("portcullis-node")).sign(KeyUtils.readPrivateKey("privateKey.pem"));
        for (ControlPlaneProcess replica : List.of(first, second)) {
            given().baseUri(replica.baseUri()).auth().oauth2(node).get(BASE + "/snapshot").then().statusCode(200);
        }
    }
}
