package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policies and named locations exactly as Microsoft Graph v1.0 writes them (read-only fields,
 * {@code @odata} annotations, nulls and empty lists included; under {@code src/test/resources/entra})
 * import as they are, and read back with the same meaning: every field that says something is
 * there, equal, and nothing was added. What Portcullis cannot enforce is said: a warning naming
 * the field, or with {@code ?strict=true} a 400 naming it and nothing stored. What we write back
 * imports again to the same meaning.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class EntraExportRoundTripTest {

    private static final String BASE = "/v1.0/identity/conditionalAccess";

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Read-only in Graph: set by the service that stores the document, so not part of its meaning. */
    private static final Set<String> READ_ONLY = Set.of("createdDateTime", "modifiedDateTime", "templateId",
            "@portcullis.warnings");

    /**
     * file, collection, and the paths Portcullis cannot enforce (or reads differently) that it
     * must name. Locations first: the policies refer to them.
     */
    static Stream<Arguments> exports() {
        return Stream.of(
                Arguments.of("office-named-location.json", "/namedLocations",
                        List.of("ipRanges[0].cidrAddress")),
                Arguments.of("blocked-countries.json", "/namedLocations", List.of()),
                Arguments.of("trusted-branch-offices.json", "/namedLocations", List.of()),
                Arguments.of("require-mfa-for-admins.json", "/policies", List.of()),
                Arguments.of("block-legacy-authentication.json", "/policies", List.of()),
                Arguments.of("phishing-resistant-with-terms-of-use.json", "/policies",
                        List.of("grantControls.termsOfUse")),
                Arguments.of("admins-outside-trusted-locations.json", "/policies",
                        List.of("sessionControls.persistentBrowser")));
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.of(Roles.ADMIN)).contentType(ContentType.JSON);
    }

    private static String export(String name) throws IOException {
        try (InputStream in = EntraExportRoundTripTest.class.getResourceAsStream("/entra/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Imports every location once, so a policy row can run on its own. */
    private static void importLocations() throws IOException {
        for (Arguments row : exports().toList()) {
            Object[] args = row.get();
            if (args[1].equals("/namedLocations")) {
                String id = MAPPER.readTree(export((String) args[0])).path("id").asText();
                if (admin().get(BASE + "/namedLocations/" + id).statusCode() == 404) {
                    admin().body(export((String) args[0])).post(BASE + "/namedLocations").then().statusCode(201);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    @SuppressWarnings("unchecked")
    void importsAsIsAndReadsBackWithTheSameMeaning(String file, String collection, List<String> unenforceable)
            throws IOException {
        if (collection.equals("/policies")) {
            importLocations();
        }
        String text = export(file);
        JsonNode exported = MAPPER.readTree(text);
        String id = exported.path("id").asText();
        String url = BASE + collection + "/" + id;
        Response existing = admin().get(url);
        if (existing.statusCode() == 200) {
            // Imported earlier (a location a policy needed): import it again, checked this time.
            admin().header("If-Match", existing.header("ETag")).delete(url).then().statusCode(204);
        }

        // Strict mode refuses exactly what cannot be enforced, names it, and stores nothing.
        Response strict = admin().queryParam("strict", true).body(text).post(BASE + collection);
        boolean policy = collection.equals("/policies");
        if (policy && !unenforceable.isEmpty()) {
            strict.then().statusCode(400).contentType("application/problem+json");
            assertThat(strict.jsonPath().getList("errors.path", String.class))
                    .containsExactlyInAnyOrderElementsOf(unenforceable);
            admin().get(url).then().statusCode(404);
            strict = admin().body(text).post(BASE + collection);
        }
        // Imported as is: the id Graph gave it, and a warning for each part it cannot enforce.
        strict.then().statusCode(201).body("id", equalTo(id));
        // What Graph writes for reading only (annotations, read-only dates) is listed as ignored; the rest is named.
        List<Map<String, String>> warnings = strict.jsonPath().getList("'@portcullis.warnings'");
        List<String> warned = warnings == null ? List.of() : warnings.stream()
                .filter(w -> !w.get("message").startsWith("ignored: ")).map(w -> w.get("path")).toList();
        assertThat(warned).containsExactlyInAnyOrderElementsOf(unenforceable);

        JsonNode stored = MAPPER.readTree(admin().get(url).then().statusCode(200).extract().asString());
        assertThat(meaning(stored, unenforceable)).as(file + " read back").isEqualTo(meaning(exported, unenforceable));

        // What Portcullis writes is itself an export that imports to the same meaning.
        ObjectNode again = (ObjectNode) stored.deepCopy();
        again.put("id", id + "-again");
        again.put("displayName", stored.path("displayName").asText() + " (again)");
        Response reimported = admin().body(again.toString()).post(BASE + collection);
        reimported.then().statusCode(201);
        JsonNode second = MAPPER.readTree(admin().get(BASE + collection + "/" + id + "-again").asString());
        ObjectNode expected = (ObjectNode) meaning(stored, unenforceable);
        expected.put("id", id + "-again");
        expected.put("displayName", stored.path("displayName").asText() + " (again)");
        assertThat(meaning(second, unenforceable)).as(file + " exported by Portcullis and imported again")
                .isEqualTo(expected);
        admin().header("If-Match", "\"1\"").delete(BASE + collection + "/" + id + "-again").then().statusCode(204);
    }

    /** The export does what it says: it applies to admins outside the trusted offices, not on iOS. */
    @Test
    void theImportedPolicyIsEnforcedAsEntraWould() throws IOException {
        importLocations();
        String id = "3e9a1c52-7d4b-4f08-a6e1-5b2c8d9f0a17";
        // Asked about the export as a draft, so this test stores nothing the round trip would meet.
        String question = """
                {"signInIdentity": {"userId": "root", "roleIds": ["62e90394-69f5-4237-9190-012177145e10"]},
                 "signInContext": {"includeApplications": ["portal"]},
                 "signInConditions": {"clientAppType": "browser", "ipAddress": "%s", "devicePlatform": "windows"},
                 "policies": [""" + export("admins-outside-trusted-locations.json") + "]}";
        String applies = "value.find { it.id == '" + id + "' }.policyApplies";
        admin().body(question.formatted("203.0.113.200")).post(BASE + "/evaluate").then().statusCode(200)
                .body(applies, equalTo(false));
        admin().body(question.formatted("192.0.2.10")).post(BASE + "/evaluate").then().statusCode(200)
                .body(applies, equalTo(true));
        admin().body(question.formatted("192.0.2.10").replace("\"devicePlatform\": \"windows\"", "\"devicePlatform\": \"iOS\"")).post(BASE + "/evaluate").then()
                .statusCode(200).body(applies, equalTo(false));
    }

    /**
     * What a document says, comparable across writers: read-only fields, {@code @odata}
     * annotations, nulls, empty lists and the named unenforceable parts left out; lists as sets;
     * the "no condition" spellings ({@code clientAppTypes: ["all"]}) as no condition.
     */
    private static JsonNode meaning(JsonNode document, List<String> unenforceable) {
        JsonNode copy = document.deepCopy();
        unenforceable.forEach(path -> remove(copy, path));
        JsonNode conditions = copy.path("conditions");
        if (conditions.isObject() && conditions.path("clientAppTypes").equals(
                JsonNodeFactory.instance.arrayNode().add("all"))) {
            ((ObjectNode) conditions).remove("clientAppTypes");
        }
        JsonNode meaning = normalize(copy);
        return meaning == null ? JsonNodeFactory.instance.objectNode() : meaning;
    }

    private static JsonNode normalize(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : new TreeSet<>(names)) {
                if (name.contains("@odata") || READ_ONLY.contains(name)) {
                    continue;
                }
                JsonNode value = normalize(node.get(name));
                if (value != null) {
                    result.set(name, value);
                }
            }
            return result.isEmpty() ? null : result;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> {
                JsonNode value = normalize(item);
                if (value != null) {
                    items.add(value);
                }
            });
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            items.forEach(result::add);
            return result.isEmpty() ? null : result;
        }
        if (node.isTextual() && node.textValue().matches("[0-9a-fA-F:.]+/[0-9]+")) {
            // One range, however it is spelled (2001:db8::/40 or 2001:db8:0:0:0:0:0:0/40).
            String[] parts = node.textValue().split("/");
            try {
                return JsonNodeFactory.instance.textNode(
                        java.net.InetAddress.getByName(parts[0]).getHostAddress() + "/" + parts[1]);
            } catch (java.net.UnknownHostException e) {
                return node;
            }
        }
        return node;
    }

    /** Removes {@code a.b[1].c} from a document. */
    private static void remove(JsonNode root, String path) {
        List<String> steps = new ArrayList<>(Arrays.asList(path.replace("[", ".[").split("\\.")));
        String last = steps.remove(steps.size() - 1);
        JsonNode node = root;
        for (String step : steps) {
            node = step.startsWith("[") ? node.path(Integer.parseInt(step.substring(1, step.length() - 1))) : node.path(step);
        }
        if (node.isObject()) {
            ((ObjectNode) node).remove(last);
        } else if (node.isArray() && last.startsWith("[")) {
            ((ArrayNode) node).remove(Integer.parseInt(last.substring(1, last.length() - 1)));
        }
    }
}
