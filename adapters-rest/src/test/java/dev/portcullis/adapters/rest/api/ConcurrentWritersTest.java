package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Administrators changing one document at the same time, each as a client should: read, change,
 * write with If-Match, and on 412 read again. Every change survives, the audit log has exactly one
 * entry per write that succeeded, and its before/after pairs form one unbroken chain from the
 * created document to the stored one. Writes that depend on each other (a policy naming a location
 * while the location is deleted) never leave a policy pointing at nothing.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class ConcurrentWritersTest {

    private static final String BASE = "/v1.0/identity/conditionalAccess";
    private static final String POLICIES = BASE + "/policies";
    private static final String LOCATIONS = BASE + "/namedLocations";
    private static final int WRITERS = 8;

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.of(Roles.ADMIN)).contentType(ContentType.JSON);
    }

    @Test
    void parallelExclusionsOfOnePolicyAreAllKept() throws Exception {
        String id = admin().body("""
                {"displayName": "Require MFA for all users", "state": "enabledForReportingButNotEnforced",
                 "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": []},
                                "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """).post(POLICIES).then().statusCode(201).extract().path("id");
        List<String> expected = IntStream.range(0, WRITERS).mapToObj(w -> "user-" + w).toList();
        int stale = inParallel(expected, user -> appendAndPatch(POLICIES + "/" + id, "conditions.users.excludeUsers",
                list -> "{\"conditions\": {\"users\": {\"excludeUsers\": " + list + "}}}", "\"" + user + "\""));

        assertThat(admin().get(POLICIES + "/" + id).jsonPath().getList("conditions.users.excludeUsers", String.class))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertAuditedOncePerWrite(POLICIES + "/" + id, id, "policy");
        System.out.println("concurrent policy writers: " + stale + " stale writes refused with 412 and retried");
    }

    @Test
    void parallelRangesAddedToOneNamedLocationAreAllKept() throws Exception {
        String id = admin().body("""
                {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Branches", "isTrusted": true,
                 "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "10.200.0.0/24"}]}
                """).post(LOCATIONS).then().statusCode(201).extract().path("id");
        List<String> ranges = IntStream.range(1, WRITERS + 1).mapToObj(w -> "10.200." + w + ".0/24").toList();
        int stale = inParallel(ranges, range -> appendAndPatch(LOCATIONS + "/" + id, "ipRanges",
                list -> "{\"ipRanges\": " + list + "}", "{\"cidrAddress\": \"" + range + "\"}"));

        List<String> stored = admin().get(LOCATIONS + "/" + id).jsonPath().getList("ipRanges.cidrAddress", String.class);
        List<String> all = new ArrayList<>(ranges);
        all.add("10.200.0.0/24");
        assertThat(stored).containsExactlyInAnyOrderElementsOf(all);
        assertAuditedOncePerWrite(LOCATIONS + "/" + id, id, "named location");
        System.out.println("concurrent location writers: " + stale + " stale writes refused with 412 and retried");
    }

    /** A location is deleted while a policy naming it is created, again and again (a {@link LocationRace}). */
    @Test
    void aLocationIsNeverDeletedUnderAPolicyCreatedAtTheSameTime() throws Exception {
        LocationRace.Result raced = new LocationRace(BASE, ConcurrentWritersTest::admin, ConcurrentWritersTest::admin)
                .run(60);
        System.out.println("location deleted while a policy names it: " + raced.outcomes());
        assertThat(raced.broken()).isEmpty();
        admin().get(BASE + "/snapshot").then().statusCode(200);
        for (String policy : raced.policies()) {
            admin().header("If-Match", "\"1\"").delete(POLICIES + "/" + policy).then().statusCode(204);
        }
    }

    /** Runs one writer per value at once; returns how many 412s they met in all. */
    private static int inParallel(List<String> values, java.util.function.Function<String, Integer> writer)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(values.size());
        CyclicBarrier start = new CyclicBarrier(values.size());
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (String value : values) {
                Callable<Integer> task = () -> {
                    start.await();
                    return writer.apply(value);
                };
                results.add(pool.submit(task));
            }
            int stale = 0;
            for (Future<Integer> result : results) {
                stale += result.get();
            }
            return stale;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Read, append {@code item} to the list at {@code listPath}, PATCH with If-Match; on 412 read
     * again. Returns how many times this writer's copy was stale.
     */
    private static int appendAndPatch(String url, String listPath, UnaryOperator<String> patchFor, String item) {
        int stale = 0;
        while (true) {
            Response current = admin().get(url);
            current.then().statusCode(200);
            List<String> items = new ArrayList<>();
            Object list = current.jsonPath().get(listPath);
            if (list instanceof List<?> values) {
                for (Object v : values) {
                    items.add(v instanceof Map<?, ?> m ? toJson(m) : "\"" + v + "\"");
                }
            }
            items.add(item);
            int status = admin().header("If-Match", current.header("ETag"))
                    .body(patchFor.apply("[" + String.join(",", items) + "]")).patch(url).statusCode();
            if (status == 200) {
                return stale;
            }
            assertThat(status).as("a concurrent write is refused as stale, nothing else").isEqualTo(412);
            stale++;
        }
    }

    private static String toJson(Map<?, ?> map) {
        List<String> fields = new ArrayList<>();
        map.forEach((k, v) -> fields.add("\"" + k + "\": \"" + v + "\""));
        return "{" + String.join(", ", fields) + "}";
    }

    /**
     * One update entry per successful write (the version says how many), and the entries chain:
     * each one's before is the previous one's after, from the created document to the stored one.
     */
    private static void assertAuditedOncePerWrite(String url, String id, String noun) {
        Response stored = admin().get(url);
        long version = Long.parseLong(stored.header("ETag").replace("\"", ""));
        assertThat(version).as("one version per write").isEqualTo(WRITERS + 1);
        JsonPath audit = admin().queryParam("$top", 1000).get("/v1.0/auditLogs/directoryAudits").jsonPath();
        List<Map<String, Object>> entries = audit.getList("value.findAll { it.targetResources[0].id == '" + id + "' }");
        List<String> activities = entries.stream().map(e -> (String) e.get("activityDisplayName")).toList();
        assertThat(activities).filteredOn(a -> a.equals("update " + noun)).hasSize(WRITERS);
        assertThat(activities).filteredOn(a -> a.equals("create " + noun)).hasSize(1);
        assertThat(activities).hasSize(WRITERS + 1);

        Map<String, String> nextAfter = new HashMap<>();
        String created = null;
        for (Map<String, Object> entry : entries) {
            Map<String, Object> change = modified(entry);
            String before = (String) change.get("oldValue");
            String after = (String) change.get("newValue");
            if (before == null) {
                created = after;
            } else {
                assertThat(nextAfter.put(before, after)).as("two writes replaced the same version").isNull();
            }
        }
        String current = created;
        for (int step = 0; step < WRITERS; step++) {
            assertThat(nextAfter).as("the audit chain continues after step " + step).containsKey(current);
            current = nextAfter.get(current);
        }
        // The audit log keeps the document as written; modifiedDateTime is the store's, in a read only.
        assertThat(current).as("the chain ends at the stored document")
                .isEqualTo(stored.asString().replaceFirst(",\"modifiedDateTime\":\"[^\"]*\"", ""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> modified(Map<String, Object> entry) {
        List<Map<String, Object>> targets = (List<Map<String, Object>>) entry.get("targetResources");
        return ((List<Map<String, Object>>) targets.get(0).get("modifiedProperties")).get(0);
    }
}
