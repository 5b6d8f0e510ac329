package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An MDM syncs many devices in one Graph batch ({@code POST /v1.0/$batch}): each request is answered
 * as {@code PUT /v1.0/devices/{id}} would have answered it alone, in the order sent. A batch that is
 * not one is refused whole, at the fields it gets wrong, and stores nothing.
 */
@QuarkusTest
class DeviceSyncBatchTest {

    /** Sent as Graph's clients send it, the {@code $} as it is (RestAssured would escape it). */
    private static final String BATCH = "/v1.0/$batch";

    private static RequestSpecification as(String role) {
        return TestTokens.as(role).urlEncodingEnabled(false);
    }

    private static String device(String compliant, String synced) {
        return """
                {"displayName": "Laptop", "registeredOwnerId": "anna", "operatingSystem": "windows",
                 "isCompliant": %s, "isManaged": true, "deviceOwnership": "company", "lastSyncDateTime": "%s"}
                """.formatted(compliant, synced);
    }

    private static String sync(String id, String url, String body) {
        return """
                {"id": "%s", "method": "PUT", "url": "%s", "headers": {"Content-Type": "application/json"}, "body": %s}
                """.formatted(id, url, body);
    }

    private static String batch(String... requests) {
        return "{\"requests\": [" + String.join(",", requests) + "]}";
    }

    @Test
    void eachSyncIsAnsweredAsItsOwnPutWouldBeInTheOrderSent() {
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(device("true", "2026-12-01T07:00:00Z"))
                .put("/v1.0/devices/batch-known").then().statusCode(201);

        JsonPath answer = as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(batch(
                sync("1", "/devices/batch-known", device("true", "2026-12-01T09:00:00Z")),
                sync("2", "/devices/batch-new", device("true", "2026-12-01T07:00:00Z")),
                sync("3", "devices/batch-bad", device("\"yes\"", "2026-12-01T07:00:00Z")),
                sync("4", "/devices/batch-new", device("false", "2026-12-01T08:00:00Z")),
                sync("5", "/devices/batch%20spaced", device("true", "2026-12-01T07:00:00Z"))))
                .post(BATCH).then().statusCode(200).extract().jsonPath();

        assertThat(answer.getList("responses.id", String.class)).containsExactly("1", "2", "3", "4", "5");
        assertThat(answer.getList("responses.status", Integer.class)).containsExactly(200, 201, 400, 200, 201);
        assertThat(answer.getString("responses[0].body.lastSyncDateTime")).as("a routine check-in stores nothing")
                .isEqualTo("2026-12-01T07:00:00Z");
        assertThat(answer.getString("responses[0].headers.ETag")).isEqualTo("\"1\"");
        assertThat(answer.getString("responses[2].headers.Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.getList("responses[2].body.errors.path", String.class)).contains("isCompliant");
        assertThat(answer.getBoolean("responses[3].body.isCompliant")).as("the second report of a device wins").isFalse();
        assertThat(answer.getString("responses[3].headers.ETag")).isEqualTo("\"2\"");
        assertThat(answer.getString("responses[4].body.id")).isEqualTo("batch spaced");

        as(Roles.READER).get("/v1.0/devices/batch-new").then().statusCode(200).body("isCompliant", equalTo(false));
        as(Roles.READER).get("/v1.0/devices/batch-bad").then().statusCode(404);
        JsonPath audit = as(Roles.ADMIN).queryParam("$top", 1000).get("/v1.0/auditLogs/directoryAudits").jsonPath();
        List<String> activities = audit.getList("value.findAll { it.targetResources[0].id == 'batch-new' }"
                + ".activityDisplayName", String.class);
        assertThat(activities).containsExactlyInAnyOrder("create device", "update device");
    }

    @Test
    void aBatchThatIsNotOneIsRefusedWholeAtTheFieldsItGetsWrongAndStoresNothing() {
        String good = device("true", "2026-12-01T07:00:00Z");
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(batch(
                sync("1", "/devices/refused-1", good),
                "{\"id\": \"1\", \"method\": \"GET\", \"url\": \"/identity/conditionalAccess/policies\"}",
                sync("3", "/devices/refused-3", "[1]"),
                "{\"id\": \"4\", \"method\": \"PUT\", \"url\": \"/devices/refused-4\", \"dependsOn\": [\"1\"],"
                        + " \"headers\": {\"Content-Type\": \"text/plain\"}, \"body\": " + good + "}",
                sync("5", "/devices/%zz", good)))
                .post(BATCH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.path", containsInAnyOrder("requests[1].id", "requests[1].method", "requests[1].url",
                        "requests[1].body", "requests[2].body", "requests[3].dependsOn",
                        "requests[3].headers.Content-Type", "requests[4].url"));
        as(Roles.READER).get("/v1.0/devices/refused-1").then().statusCode(404);

        String tooMany = batch(IntStream.range(0, 21).mapToObj(i -> sync("r" + i, "/devices/many-" + i, good))
                .toArray(String[]::new));
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body(tooMany).post(BATCH).then().statusCode(400)
                .body("errors[0].path", equalTo("requests"))
                .body("errors[0].message", equalTo("expected an array of 1 to 20 requests, got 21: send them in"
                        + " several batches"));
        as(Roles.READER).get("/v1.0/devices/many-0").then().statusCode(404);
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body("{\"requests\": []}").post(BATCH).then()
                .statusCode(400).body("errors.path", hasItem("requests"));
        as(Roles.DEVICE_MANAGER).contentType(ContentType.JSON).body("{\"requests\": [").post(BATCH).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyThoseWhoMaySyncADeviceMaySendABatch() {
        String one = batch(sync("1", "/devices/not-by-a-reader", device("true", "2026-12-01T07:00:00Z")));
        as(Roles.READER).contentType(ContentType.JSON).body(one).post(BATCH).then().statusCode(403);
        as(Roles.NODE).contentType(ContentType.JSON).body(one).post(BATCH).then().statusCode(403);
        as(Roles.ADMIN).contentType(ContentType.JSON).body(one).post(BATCH).then().statusCode(200)
                .body("responses[0].status", equalTo(201));
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.person(TestTokens.PASSWORD_ONLY, Roles.ADMIN)).contentType(ContentType.JSON)
                .body(one).post(BATCH).then().statusCode(403);
    }
}
