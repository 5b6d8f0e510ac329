package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad input is a problem (RFC 9457, {@code application/problem+json}) whose
 * {@code errors[].path} names the field, and changes nothing: the stored documents, the audit log
 * and the snapshot version are the same after it. Random and mutated input never makes the server
 * fail.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class ValidationErrorsTest {

    private static final String BASE = "/v1.0/identity/conditionalAccess";
    private static final String POLICIES = BASE + "/policies";
    private static final String LOCATIONS = BASE + "/namedLocations";
    private static final String EVALUATE = BASE + "/evaluate";
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VALID = """
            {"displayName": "Require MFA", "state": "enabledForReportingButNotEnforced",
             "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": ["glass-1"]},
                            "applications": {"includeApplications": ["All"]},
                            "clientAppTypes": ["browser"], "signInRiskLevels": ["high"],
                            "platforms": {"includePlatforms": ["all"], "excludePlatforms": ["iOS"]}},
             "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
            """;
    private static final String IP_LOCATION = """
            {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "isTrusted": true,
             "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "10.1.0.0/16"}]}
            """;
    private static final String COUNTRY_LOCATION = """
            {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Blocked",
             "countriesAndRegions": ["KP"], "includeUnknownCountriesAndRegions": false}
            """;
    private static final String WHAT_IF = """
            {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]},
             "signInConditions": {"clientAppType": "browser", "ipAddress": "198.51.100.7", "country": "DE"}}
            """;
    /** A policy, an IP location and a country location the PATCH cases change; made once. */
    private static Map<String, String> fixtures;

    @TestHTTPResource("/")
    URL base;

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.of(Roles.ADMIN)).contentType(ContentType.JSON);
    }

    /** Everything a write could have touched: documents, audit log, snapshot version. */
    private static String stored() {
        return admin().get(POLICIES).then().statusCode(200).extract().asString()
                + admin().get(LOCATIONS).then().statusCode(200).extract().asString()
                + admin().get(BASE + "/authenticationStrength/policies").then().statusCode(200).extract().asString()
                + " audit entries: " + admin().queryParam("$top", 1000).get("/v1.0/auditLogs/directoryAudits")
                        .jsonPath().getList("value").size()
                + " snapshot: " + admin().get(BASE + "/snapshot").header("ETag");
    }

    private static synchronized Map<String, String> fixtures() {
        if (fixtures == null) {
            fixtures = Map.of(
                    "{policy}", admin().body(VALID).post(POLICIES).then().statusCode(201).extract().path("id"),
                    "{ip}", admin().body(IP_LOCATION).post(LOCATIONS).then().statusCode(201).extract().path("id"),
                    "{country}", admin().body(COUNTRY_LOCATION).post(LOCATIONS).then().statusCode(201).extract().path("id"));
        }
        return fixtures;
    }

    private static String withFixtures(String text) {
        for (Map.Entry<String, String> f : fixtures().entrySet()) {
            text = text.replace(f.getKey(), f.getValue());
        }
        return text;
    }

    private static String etag(String path) {
        return admin().get(path).then().statusCode(200).extract().header("ETag");
    }

    /**
     * One row per kind of error. {@code path} is the exact {@code errors[].path} expected; PATCH rows
     * target the fixtures with their current ETag, so only the body is wrong.
     */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            POST  | /policies                 | malformed JSON                   | {"displayName": "x",                                   | ``
            POST  | /policies                 | not an object                    | ["x"]                                                  | ``
            POST  | /policies                 | wrong type (string)              | {"displayName": 42, "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | displayName
            POST  | /policies                 | wrong type (array)               | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": "All"}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | conditions.users.includeUsers
            POST  | /policies                 | wrong type (object)              | {"displayName": "x", "state": "enabled", "conditions": [], "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | conditions
            POST  | /policies                 | missing required field           | {"state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | displayName
            POST  | /policies                 | unknown enum (state)             | {"displayName": "x", "state": "on", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | state
            POST  | /policies                 | unknown enum (client app type)   | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}, "clientAppTypes": ["fax"]}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | conditions.clientAppTypes[0]
            POST  | /policies                 | unknown enum (risk level)        | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}, "signInRiskLevels": ["extreme"]}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | conditions.signInRiskLevels[0]
            POST  | /policies                 | unknown enum (operator)          | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "XOR", "builtInControls": ["mfa"]}} | grantControls.operator
            POST  | /policies                 | unknown enum (control)           | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["fingerprint"]}} | grantControls.builtInControls[0]
            POST  | /policies                 | unknown location id              | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}, "locations": {"includeLocations": ["All"], "excludeLocations": ["nowhere"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}} | conditions.locations.excludeLocations[0]
            POST  | /policies                 | unknown strength id              | {"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "authenticationStrength": {"id": "nope"}}} | grantControls.authenticationStrength.id
            PATCH | /policies/{policy}        | malformed JSON                   | {"state":                                              | ``
            PATCH | /policies/{policy}        | not an object                    | [1]                                                    | ``
            PATCH | /policies/{policy}        | wrong type                       | {"conditions": {"users": {"excludeUsers": 7}}}         | conditions.users.excludeUsers
            PATCH | /policies/{policy}        | unknown enum                     | {"state": "sometimes"}                                 | state
            PATCH | /policies/{policy}        | unknown location id              | {"conditions": {"locations": {"includeLocations": ["nowhere"]}}} | conditions.locations.includeLocations[0]
            PATCH | /policies/{policy}        | unknown strength id              | {"grantControls": {"builtInControls": [], "authenticationStrength": {"id": "nope"}}} | grantControls.authenticationStrength.id
            PATCH | /policies/{policy}        | id changed                       | {"id": "another"}                                      | id
            POST  | /namedLocations           | malformed JSON                   | {"@odata.type":                                        | ``
            POST  | /namedLocations           | wrong type                       | {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "isTrusted": "yes", "ipRanges": [{"cidrAddress": "10.0.0.0/8"}]} | isTrusted
            POST  | /namedLocations           | missing type                     | {"displayName": "Office", "ipRanges": [{"cidrAddress": "10.0.0.0/8"}]} | @odata.type
            POST  | /namedLocations           | unknown type                     | {"@odata.type": "#microsoft.graph.gpsNamedLocation", "displayName": "Office"} | @odata.type
            POST  | /namedLocations           | bad CIDR                         | {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "isTrusted": true, "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "10.0.0.300/8"}]} | ipRanges[0].cidrAddress
            POST  | /namedLocations           | CIDR prefix too long             | {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "ipRanges": [{"cidrAddress": "10.0.0.0/8"}, {"cidrAddress": "10.0.0.0/33"}]} | ipRanges[1].cidrAddress
            POST  | /namedLocations           | range of the wrong family        | {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "Office", "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "2001:db8::/32"}]} | ipRanges[0].@odata.type
            POST  | /namedLocations           | bad country code                 | {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Bad", "countriesAndRegions": ["DE", "XX1"], "includeUnknownCountriesAndRegions": false} | countriesAndRegions[1]
            POST  | /namedLocations           | unknown enum (lookup method)     | {"@odata.type": "#microsoft.graph.countryNamedLocation", "displayName": "Bad", "countriesAndRegions": ["DE"], "countryLookupMethod": "authenticatorAppGps"} | countryLookupMethod
            PATCH | /namedLocations/{ip}      | bad CIDR                         | {"ipRanges": [{"cidrAddress": "10.1.0.0/99"}]}         | ipRanges[0].cidrAddress
            PATCH | /namedLocations/{ip}      | wrong type                       | {"ipRanges": "10.1.0.0/16"}                            | ipRanges
            PATCH | /namedLocations/{country} | bad country code                 | {"countriesAndRegions": ["North Korea"]}               | countriesAndRegions[0]
            POST  | /evaluate                 | malformed JSON                   | {"signInIdentity":                                     | ``
            POST  | /evaluate                 | wrong type                       | {"signInIdentity": "anna", "signInContext": {"includeApplications": ["portal"]}} | signInIdentity
            POST  | /evaluate                 | unknown enum                     | {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]}, "signInConditions": {"clientAppType": "fax"}} | signInConditions.clientAppType
            POST  | /evaluate                 | bad IP address                   | {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]}, "signInConditions": {"ipAddress": "10.0.0.256"}} | signInConditions.ipAddress
            POST  | /evaluate                 | bad country code                 | {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]}, "signInConditions": {"country": "Germany"}} | signInConditions.country
            POST  | /evaluate                 | bad CIDR in a draft location     | {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]}, "namedLocations": [{"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "o", "ipRanges": [{"cidrAddress": "1.2.3.400/8"}]}]} | namedLocations[0].ipRanges[0].cidrAddress
            POST  | /evaluate                 | unknown enum in a draft policy   | {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]}, "policies": [{"displayName": "x", "state": "on", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}]} | policies[0].state
            POST  | /evaluate                 | unknown location in a draft      | {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]}, "policies": [{"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}, "locations": {"includeLocations": ["nowhere"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}]} | policies[0].conditions.locations.includeLocations[0]
            POST  | /evaluate                 | unknown strength in a draft      | {"signInIdentity": {"userId": "anna"}, "signInContext": {"includeApplications": ["portal"]}, "policies": [{"displayName": "x", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "authenticationStrength": {"id": "nope"}}}]} | policies[0].grantControls.authenticationStrength.id
            """)
    void badInputIsAProblemNamingTheFieldAndNothingIsStored(String method, String collection, String kind, String body,
            String path) {
        String target = BASE + withFixtures(collection);
        String before = stored();
        RequestSpecification request = admin().body(body);
        if (method.equals("PATCH")) {
            request = request.header("If-Match", etag(target));
        }
        Response response = request.request(method, target);
        response.then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        if (path.isEmpty()) {
            // The document as a whole: malformed JSON or not an object.
            response.then().body("errors.path", hasItem(""));
        } else {
            response.then().body("errors.path", hasItem(path));
        }
        assertThat(stored()).as(kind + " changed nothing").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            POST  | /policies
            PATCH | /policies/{policy}
            POST  | /namedLocations
            PATCH | /namedLocations/{ip}
            POST  | /evaluate
            POST  | /authenticationStrength/policies
            """)
    void anOversizeBodyIs413AsAProblemAndNothingIsStored(String method, String collection) throws Exception {
        String target = BASE + withFixtures(collection);
        String before = stored();
        String oversize = "{\"displayName\": \"" + "a".repeat(300_000) + "\"}";
        admin().header("If-Match", "\"1\"").body(oversize).request(method, target).then().statusCode(413)
                .contentType(PROBLEM).body("status", equalTo(413));
        // Over the HTTP layer's own limit (1M) too: still problem details.
        admin().header("If-Match", "\"1\"").body("{\"displayName\": \"" + "a".repeat(1_100_000) + "\"}")
                .request(method, target).then().statusCode(413).contentType(PROBLEM);
        // Sent without a length (chunked), a valid document over the limit cannot slip past it.
        HttpResponse<String> chunked = chunked(method, target, VALID.replace("Require MFA", "a".repeat(300_000)));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(PROBLEM));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadAsUsual() throws Exception {
        HttpResponse<String> created = chunked("POST", POLICIES, VALID);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> chunked(String method, String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // An InputStream publisher has no length: the client sends it chunked.
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + TestTokens.of(Roles.ADMIN))
                .header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/policies/{policy}", "/namedLocations/{ip}"})
    void writesWithoutOrWithAStaleIfMatchAndUnknownIdsAreProblems(String document) {
        String target = BASE + withFixtures(document);
        String collection = target.substring(0, target.lastIndexOf('/'));
        String change = target.contains("policies") ? "{\"state\": \"disabled\"}" : "{\"displayName\": \"Elsewhere\"}";
        String before = stored();
        String current = etag(target);
        long version = Long.parseLong(current.replace("\"", ""));

        admin().body(change).patch(target).then().statusCode(428).contentType(PROBLEM).body("status", equalTo(428));
        admin().delete(target).then().statusCode(428).contentType(PROBLEM);
        admin().header("If-Match", "\"" + (version + 5) + "\"").body(change).patch(target).then().statusCode(412)
                .contentType(PROBLEM).body("detail", org.hamcrest.Matchers.containsString("version " + version));
        admin().header("If-Match", "\"" + (version - 1) + "\"").delete(target).then().statusCode(412).contentType(PROBLEM);
        admin().header("If-Match", "\"not-a-version\"").body(change).patch(target).then().statusCode(412)
                .contentType(PROBLEM);
        admin().header("If-Match", current).body(change).patch(collection + "/missing").then().statusCode(404)
                .contentType(PROBLEM);
        admin().header("If-Match", current).delete(collection + "/missing").then().statusCode(404).contentType(PROBLEM);
        admin().get(collection + "/missing").then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
        assertThat(stored()).isEqualTo(before);
        assertThat(etag(target)).isEqualTo(current);
    }

    /**
     * Structural mutations of valid documents (values swapped for other types, fields dropped or
     * added, deep nesting, huge numbers, odd strings), truncations and random bytes, POSTed and
     * PATCHed: never a 5xx, and every refusal is a problem.
     */
    @Test
    void noInputMakesTheServerFail() throws Exception {
        Random random = new Random(Long.getLong("fuzz.seed", 20261124L));
        List<String> failures = new ArrayList<>();
        List<JsonNode> seeds = List.of(MAPPER.readTree(VALID), MAPPER.readTree(IP_LOCATION),
                MAPPER.readTree(COUNTRY_LOCATION), MAPPER.readTree(WHAT_IF));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            JsonNode mutated = seeds.get(random.nextInt(seeds.size())).deepCopy();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated = mutate(mutated, random);
            }
            String text = MAPPER.writeValueAsString(mutated);
            bodies.add(random.nextInt(10) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text);
        }
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            bodies.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        bodies.add("[".repeat(5000));
        bodies.add("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        Map<String, List<String>> existing = ids();
        // Documents of its own: a mutation may be valid, and the other tests' fixtures stay as they are.
        List<String> targets = List.of(
                POLICIES + "/" + admin().body(VALID).post(POLICIES).then().statusCode(201).extract().path("id"),
                LOCATIONS + "/" + admin().body(IP_LOCATION).post(LOCATIONS).then().statusCode(201).extract().path("id"),
                LOCATIONS + "/" + admin().body(COUNTRY_LOCATION).post(LOCATIONS).then().statusCode(201).extract().path("id"));
        for (String body : bodies) {
            for (String path : List.of(POLICIES, LOCATIONS, EVALUATE, BASE + "/authenticationStrength/policies")) {
                check(failures, "POST " + path, admin().body(body).post(path), body);
            }
            for (String target : targets) {
                check(failures, "PATCH " + target, admin().header("If-Match", etag(target)).body(body).patch(target), body);
            }
        }
        assertThat(failures).isEmpty();
        // The fixtures still read back whole: no half-written document.
        targets.forEach(target -> admin().get(target).then().statusCode(200));
        admin().get(BASE + "/snapshot").then().statusCode(200);
        // What the fuzz created is removed again (policies first: they may use the rest), so the
        // other test classes see the store as they left it.
        for (Map.Entry<String, List<String>> collection : ids().entrySet()) {
            for (String id : collection.getValue()) {
                if (!existing.get(collection.getKey()).contains(id)) {
                    String target = collection.getKey() + "/" + id;
                    admin().header("If-Match", etag(target)).delete(target).then().statusCode(204);
                }
            }
        }
    }

    private static Map<String, List<String>> ids() {
        Map<String, List<String>> ids = new java.util.LinkedHashMap<>();
        for (String collection : List.of(POLICIES, BASE + "/authenticationStrength/policies", LOCATIONS)) {
            ids.put(collection, admin().get(collection).jsonPath().getList("value.id"));
        }
        return ids;
    }

    private static void check(List<String> failures, String call, Response response, String body) {
        int status = response.statusCode();
        if (status >= 500) {
            failures.add(status + " from " + call + " for " + abbreviate(body) + ": " + abbreviate(response.asString()));
        } else if (status >= 400 && !String.valueOf(response.contentType()).startsWith(PROBLEM)) {
            failures.add(status + " from " + call + " is not problem details: " + response.contentType());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static final JsonNode[] ODD_VALUES = {JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.numberNode(42), JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.numberNode(new java.math.BigInteger("1" + "0".repeat(60))),
            JsonNodeFactory.instance.numberNode(1.5e308), JsonNodeFactory.instance.textNode(""),
            JsonNodeFactory.instance.textNode("All"), JsonNodeFactory.instance.textNode("\u0000\uFFFF\uD83D\uDE00"),
            JsonNodeFactory.instance.textNode("x".repeat(5000)), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.arrayNode().addNull(), JsonNodeFactory.instance.arrayNode().add("All").add("None"),
            JsonNodeFactory.instance.textNode("#microsoft.graph.ipNamedLocation"),
            JsonNodeFactory.instance.textNode("::/0"), JsonNodeFactory.instance.textNode("0.0.0.0/0")};

    /** Changes one random node: replaced by an odd value, removed, or given a stray field. */
    private static JsonNode mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return JsonNodeFactory.instance.objectNode().set("displayName", root);
        }
        JsonNode container = containers.get(random.nextInt(containers.size()));
        JsonNode odd = ODD_VALUES[random.nextInt(ODD_VALUES.length)].deepCopy();
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = object.fieldNames();
            it.forEachRemaining(names::add);
            int choice = random.nextInt(3);
            if (names.isEmpty() || choice == 0) {
                object.set(random.nextBoolean() ? "stray" + random.nextInt(3) : "@odata.type", odd);
            } else if (choice == 1) {
                object.remove(names.get(random.nextInt(names.size())));
            } else {
                object.set(names.get(random.nextInt(names.size())), odd);
            }
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(odd);
            } else {
                array.set(random.nextInt(array.size()), odd);
            }
        }
        return random.nextInt(40) == 0 ? odd : root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }
}
