package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.testing.EntraCorpus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The corpus of real exports, each file POSTed as an Entra administrator would: named locations to
 * {@code /namedLocations}, everything else to {@code /policies}, the bytes exactly as exported
 * (UTF-16 with byte-order marks, annotations, templates). What is created is deleted again.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class EntraCorpusSinglePostTest {

    private static final String BASE = "/v1.0/identity/conditionalAccess";

    @Inject
    InMemoryDirectory directory;

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.of(Roles.ADMIN));
    }

    @Test
    void everyExportPostedAsItIs() {
        directory.clear();
        List<EntraCorpus.Export> exports = new ArrayList<>(EntraCorpus.exports());
        exports.sort((a, b) -> Boolean.compare(!a.name().contains("/NamedLocations/"), !b.name().contains("/NamedLocations/")));
        Map<String, String> refused = new TreeMap<>();
        List<String> created = new ArrayList<>();
        for (EntraCorpus.Export export : exports) {
            String collection = export.name().contains("/NamedLocations/") ? "/namedLocations" : "/policies";
            Response response = admin().contentType(ContentType.JSON).body(export.bytes()).post(BASE + collection);
            if (response.statusCode() == 201) {
                created.add(0, BASE + collection + "/" + response.jsonPath().getString("id"));
            } else {
                refused.put(export.name(), response.statusCode() + " " + response.asString());
            }
        }
        refused.forEach((file, why) -> System.out.println("REFUSED " + file + ": " + why));
        System.out.println("SINGLE POST: " + created.size() + " of " + exports.size() + " import");
        for (String url : created) {
            admin().header("If-Match", "\"1\"").delete(url).then().statusCode(204);
        }
        // Before issue 20 this path took 44 of the 120 files.
        assertThat(created).hasSizeGreaterThanOrEqualTo(exports.size() * 95 / 100);
    }
}
