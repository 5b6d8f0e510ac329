package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Administrators changing one policy at the same time, each as a client should: read, change,
 * write with If-Match, and on 412 read again. Every change survives, and the audit log has one
 * entry for each write that succeeded.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class ConcurrentWritersTest {

    private static final String POLICIES = "/v1.0/identity/conditionalAccess/policies";
    private static final int WRITERS = 8;

    private static RequestSpecification admin() {
        return given().auth().oauth2(Jwt.issuer("https://portcullis.test").upn("alice@example.test")
                .groups(Set.of(Roles.ADMIN)).sign()).contentType(ContentType.JSON);
    }

    @Test
    void parallelExclusionsOfOnePolicyAreAllKept() throws Exception {
        String id = admin().body("""
                {"displayName": "Require MFA for all users", "state": "enabledForReportingButNotEnforced",
                 "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": []},
                                "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """).post(POLICIES).then().statusCode(201).extract().path("id");
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String user = "user-" + w;
            conflicts.add(pool.submit(() -> exclude(id, user)));
        }
        int lost = 0;
        for (Future<Integer> f : conflicts) {
            lost += f.get();
        }
        pool.shutdown();

        List<String> excluded = admin().get(POLICIES + "/" + id).jsonPath().getList("conditions.users.excludeUsers");
        assertThat(excluded).containsExactlyInAnyOrder("user-0", "user-1", "user-2", "user-3", "user-4", "user-5",
                "user-6", "user-7");
        assertThat(admin().get(POLICIES + "/" + id).header("ETag")).isEqualTo("\"" + (WRITERS + 1) + "\"");
        List<String> activities = admin().queryParam("$top", 1000).get("/v1.0/auditLogs/directoryAudits").jsonPath()
                .getList("value.findAll { it.targetResources[0].id == '" + id + "' }.activityDisplayName");
        assertThat(activities).filteredOn(a -> a.startsWith("update")).hasSize(WRITERS);
        System.out.println("concurrent writers: " + lost + " stale writes refused with 412 and retried");
    }

    /** @return how many times this writer was told its copy was stale */
    private static int exclude(String id, String user) {
        int stale = 0;
        while (true) {
            Response current = admin().get(POLICIES + "/" + id);
            List<String> excluded = new ArrayList<>(current.jsonPath().getList("conditions.users.excludeUsers"));
            excluded.add(user);
            String body = "{\"conditions\": {\"users\": {\"excludeUsers\": [" + String.join(",",
                    excluded.stream().map(u -> "\"" + u + "\"").toList()) + "]}}}";
            int status = admin().header("If-Match", current.header("ETag")).body(body).patch(POLICIES + "/" + id)
                    .statusCode();
            if (status == 200) {
                return stale;
            }
            assertThat(status).isEqualTo(412);
            stale++;
        }
    }
}
