package dev.portcullis.adapters.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A location deleted while a policy naming it is created, again and again: either the policy is
 * refused (the location is gone) or the deletion is (the location is in use), never both written, as
 * a policy naming a missing location would break every snapshot after it. Raced within one control
 * plane ({@code ConcurrentWritersTest}) and between two replicas on one database
 * ({@code ReplicasOnOnePostgresIT}).
 *
 * @param base the Conditional Access collections' path, {@code /v1.0/identity/conditionalAccess}
 * @param creator an administrator's request to the control plane that makes the location and the policy
 * @param deleter an administrator's request to the control plane that deletes the location
 */
public record LocationRace(String base, Supplier<RequestSpecification> creator,
        Supplier<RequestSpecification> deleter) {

    /**
     * @param outcomes how often each pair of answers came, as "create 201 / delete 409"
     * @param broken the rounds in which both were written
     * @param policies the ids of the policies created
     */
    public record Result(Map<String, Integer> outcomes, List<String> broken, List<String> policies) {}

    /** Each round makes a location, then starts the policy's creation and the location's deletion at once. */
    public Result run(int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Result result = new Result(new TreeMap<>(), new ArrayList<>(), new ArrayList<>());
        try {
            for (int round = 0; round < rounds; round++) {
                race(round, pool, result);
            }
        } finally {
            pool.shutdownNow();
        }
        return result;
    }

    private void race(int round, ExecutorService pool, Result result) throws Exception {
        String location = creator.get().body("""
                {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Race %d",
                 "countriesAndRegions": ["KP"]}
                """.formatted(round)).post(base + "/namedLocations").then().statusCode(201).extract().path("id");
        String policy = """
                {"displayName": "Race %d", "state": "enabledForReportingButNotEnforced",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]},
                                "locations": {"includeLocations": ["%s"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """.formatted(round, location);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Response> create = pool.submit(() -> {
            start.await();
            return creator.get().body(policy).post(base + "/policies");
        });
        Future<Integer> delete = pool.submit(() -> {
            start.await();
            return deleter.get().header("If-Match", "\"1\"").delete(base + "/namedLocations/" + location).statusCode();
        });
        int created = create.get().statusCode();
        int deleted = delete.get();
        result.outcomes().merge("create " + created + " / delete " + deleted, 1, Integer::sum);
        assertThat(created).as("policy creation").isIn(201, 400);
        assertThat(deleted).as("location deletion").isIn(204, 409);
        if (created == 201) {
            result.policies().add(create.get().jsonPath().getString("id"));
            if (deleted == 204) {
                result.broken().add("round " + round + ": policy created and its location deleted");
            }
        }
    }
}
