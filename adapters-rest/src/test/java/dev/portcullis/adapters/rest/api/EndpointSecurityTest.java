package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what, as one reviewed table: every endpoint of the REST adapter with the roles it
 * admits. Each row is called without a token and with forged, expired and foreign tokens (401; a
 * public row admits the caller without a token),
 * with every role it does not admit (403), and with every role it admits (neither, and never a
 * 5xx). A second test finds every resource method by reflection and fails when one is missing
 * from the table, declares neither {@code @RolesAllowed} nor {@code @PermitAll}, or declares roles
 * other than the table's: a new endpoint cannot be forgotten, and a role cannot change unreviewed.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class EndpointSecurityTest {

    private static final String ADMIN = Roles.ADMIN;
    private static final String READER = Roles.READER;
    private static final String NODE = Roles.NODE;
    private static final String DEVICES = Roles.DEVICE_MANAGER;
    private static final String AUTOMATION = Roles.AUTOMATION;
    private static final String HELPDESK = Roles.HELPDESK;
    private static final String PERMIT_ALL = "@PermitAll";
    private static final List<String> ALL_ROLES = List.of(ADMIN, AUTOMATION, READER, NODE, DEVICES, HELPDESK);
    private static final String CA = "/v1.0/identity/conditionalAccess";

    /**
     * The table: method, path template as the resource declares it, and the roles it admits. A
     * {@code change} also needs a sign-in that proved MFA of a person ({@link RequiresMfa}).
     */
    static final List<Endpoint> TABLE = List.of(
            row("GET", CA + "/policies", ADMIN, AUTOMATION, READER),
            change("POST", CA + "/policies", ADMIN, AUTOMATION),
            row("GET", CA + "/policies/{id}", ADMIN, AUTOMATION, READER),
            change("PATCH", CA + "/policies/{id}", ADMIN, AUTOMATION),
            change("DELETE", CA + "/policies/{id}", ADMIN, AUTOMATION),
            row("GET", CA + "/policies/{id}/reportOnlyImpact", ADMIN, READER),
            row("GET", CA + "/insights", ADMIN, READER),
            // Sends e-mail to users in the organisation's name: a change, though it changes no configuration.
            change("POST", CA + "/policies/{id}/notifyAffectedUsers", ADMIN, AUTOMATION),
            row("GET", CA + "/namedLocations", ADMIN, AUTOMATION, READER),
            change("POST", CA + "/namedLocations", ADMIN, AUTOMATION),
            row("GET", CA + "/namedLocations/{id}", ADMIN, AUTOMATION, READER),
            change("PATCH", CA + "/namedLocations/{id}", ADMIN, AUTOMATION),
            change("DELETE", CA + "/namedLocations/{id}", ADMIN, AUTOMATION),
            row("GET", CA + "/authenticationStrength/policies", ADMIN, AUTOMATION, READER),
            change("POST", CA + "/authenticationStrength/policies", ADMIN, AUTOMATION),
            row("GET", CA + "/authenticationStrength/policies/{id}", ADMIN, AUTOMATION, READER),
            change("PATCH", CA + "/authenticationStrength/policies/{id}", ADMIN, AUTOMATION),
            change("DELETE", CA + "/authenticationStrength/policies/{id}", ADMIN, AUTOMATION),
            row("GET", CA + "/templates", ADMIN, AUTOMATION, READER),
            // Security Defaults' switch is a change of what is enforced, like a policy.
            row("GET", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", ADMIN, AUTOMATION, READER),
            change("PATCH", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", ADMIN, AUTOMATION),
            change("POST", CA + "/templates/{templateId}/instantiate", ADMIN, AUTOMATION),
            // What-If answers a question and changes nothing: a POST that is a read.
            row("POST", CA + "/evaluate", ADMIN, AUTOMATION, READER),
            change("POST", CA + "/import", ADMIN, AUTOMATION),
            // Nodes pull what they enforce; people may read it too. Nothing else is a node's.
            row("GET", CA + "/snapshot", NODE, ADMIN, READER),
            row("GET", CA + "/facts", NODE, ADMIN, READER),
            // The public keys snapshots are signed with: public, like any JWK set.
            row("GET", CA + "/snapshot/keys", PERMIT_ALL),
            // A node's sign-in records are what happened, not a change of configuration; only nodes send them.
            row("POST", "/v1.0/auditLogs/signIns", NODE),
            row("GET", "/v1.0/auditLogs/signIns", ADMIN, READER),
            row("GET", "/v1.0/auditLogs/directoryAudits", ADMIN, READER),
            row("GET", "/v1.0/security/portcullisAlerts", ADMIN, READER),
            change("POST", "/v1.0/security/portcullisAlerts/{id}/acknowledge", ADMIN),
            row("GET", "/v1.0/identityProtection/riskyUsers", ADMIN, READER),
            row("GET", "/v1.0/identityProtection/riskyUsers/{id}", ADMIN, READER),
            change("POST", "/v1.0/identityProtection/riskyUsers/confirmCompromised", ADMIN, AUTOMATION),
            change("POST", "/v1.0/identityProtection/riskyUsers/dismiss", ADMIN),
            // An MDM integration reports devices and reads them back, nothing else.
            row("GET", "/v1.0/devices", ADMIN, READER, DEVICES),
            change("POST", "/v1.0/devices", ADMIN, DEVICES),
            row("GET", "/v1.0/devices/{id}", ADMIN, READER, DEVICES),
            change("PUT", "/v1.0/devices/{id}", ADMIN, DEVICES),
            change("PATCH", "/v1.0/devices/{id}", ADMIN, DEVICES),
            change("DELETE", "/v1.0/devices/{id}", ADMIN, DEVICES),
            change("POST", "/v1.0/$batch", ADMIN, DEVICES),
            // The directory as the console's pickers read it: who and what a policy may name, like the policies.
            row("GET", "/v1.0/users", ADMIN, AUTOMATION, READER),
            row("GET", "/v1.0/groups", ADMIN, AUTOMATION, READER),
            row("GET", "/v1.0/directoryRoles", ADMIN, AUTOMATION, READER),
            row("GET", "/v1.0/applications", ADMIN, AUTOMATION, READER),
            // The same collections naming what a policy holds, by id (a query of the endpoints above, called as a row).
            row("GET", "/v1.0/users?$filter=id%20in%20(%27x%27)", ADMIN, AUTOMATION, READER),
            row("GET", "/v1.0/groups?$filter=id%20in%20(%27x%27)", ADMIN, AUTOMATION, READER),
            row("GET", "/v1.0/directoryRoles?$filter=id%20eq%20%27x%27", ADMIN, AUTOMATION, READER),
            row("GET", "/v1.0/applications?$filter=id%20in%20(%27x%27)", ADMIN, AUTOMATION, READER),
            // A temporary access pass is a credential: only an administrator issues or revokes one.
            row("GET", "/v1.0/users/{id}/authentication/temporaryAccessPassMethods", ADMIN, READER, HELPDESK),
            change("POST", "/v1.0/users/{id}/authentication/temporaryAccessPassMethods", ADMIN, HELPDESK),
            change("DELETE", "/v1.0/users/{id}/authentication/temporaryAccessPassMethods/{methodId}", ADMIN, HELPDESK));

    /** Writes that are not changes of configuration, each with the reason in the table above. */
    private static final Set<String> WRITES_THAT_ARE_NOT_CHANGES = Set.of("POST " + CA + "/evaluate",
            "POST /v1.0/auditLogs/signIns");

    record Endpoint(String verb, String path, Set<String> roles, boolean change) {
        boolean permitAll() {
            return roles.contains(PERMIT_ALL);
        }

        /** The path with every template variable filled in. */
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "x");
        }

        @Override
        public String toString() {
            return verb + " " + path + " " + new TreeSet<>(roles) + (change ? " MFA" : "");
        }
    }

    private static Endpoint row(String verb, String path, String... roles) {
        return new Endpoint(verb, path, Set.of(roles), false);
    }

    private static Endpoint change(String verb, String path, String... roles) {
        return new Endpoint(verb, path, Set.of(roles), true);
    }

    static Stream<Endpoint> table() {
        return TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void onlyTheRolesInTheTableGetIn(Endpoint endpoint) throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, RequestSpecification> strangers = new LinkedHashMap<>();
        strangers.put("no token", given());
        strangers.put("a token signed with another key", given().auth().oauth2(forged()));
        strangers.put("an expired token", given().auth().oauth2(TestTokens.claims(ADMIN).claim("amr", TestTokens.MFA)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign()));
        strangers.put("a token of another issuer", given().auth().oauth2(TestTokens.claims(ADMIN)
                .issuer("https://elsewhere.test").claim("amr", TestTokens.MFA).sign()));
        strangers.put("a token of the same issuer for another audience", given().auth().oauth2(TestTokens.claims(ADMIN)
                .audience("account").claim("amr", TestTokens.MFA).sign()));
        strangers.put("a token of the same issuer without an audience", given().auth().oauth2(Jwt.issuer(TestTokens.ISSUER)
                .upn("alice@example.test").groups(Set.of(ADMIN)).claim("amr", TestTokens.MFA).sign()));
        strangers.put("a malformed token", given().header("Authorization", "Bearer not.a.jwt"));
        for (Map.Entry<String, RequestSpecification> stranger : strangers.entrySet()) {
            int status = call(stranger.getValue(), endpoint);
            // A public endpoint admits a caller without a token; a bad token is refused all the same.
            boolean admitted = endpoint.permitAll() && stranger.getKey().equals("no token");
            if (admitted ? status == 401 || status == 403 : status != 401) {
                failures.add(stranger.getKey() + ": " + status);
            }
        }
        Map<String, String> callers = new LinkedHashMap<>();
        ALL_ROLES.forEach(role -> callers.put(role, TestTokens.of(role)));
        callers.put("no role at all", TestTokens.person(TestTokens.MFA));
        callers.put("a role of a similar name", TestTokens.person(TestTokens.MFA, ADMIN + "s", "admin", "Portcullis-Admin"));
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            int status = call(given().auth().oauth2(caller.getValue()), endpoint);
            boolean admitted = endpoint.permitAll() || endpoint.roles().contains(caller.getKey());
            if (admitted && (status == 401 || status == 403 || status >= 500)) {
                failures.add(caller.getKey() + " is admitted but got " + status);
            }
            if (!admitted && status != 403) {
                failures.add(caller.getKey() + " is not admitted but got " + status + " instead of 403");
            }
        }
        if (endpoint.change()) {
            failures.addAll(changesNeedMfaOfPeople(endpoint));
        }
        assertThat(failures).as(endpoint.toString()).isEmpty();
    }

    /**
     * A phished password gives a token whose {@code amr} is only {@code pwd}: it may read, never
     * change. An application role counts only on an application's token, and an application's token
     * counts only with an application role.
     */
    private static List<String> changesNeedMfaOfPeople(Endpoint endpoint) {
        List<String> failures = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (String role : endpoint.roles()) {
            refused.put(role + " signed in with a password only", TestTokens.person(TestTokens.PASSWORD_ONLY, role));
            refused.put(role + " with no amr at all", TestTokens.claims(role).sign());
        }
        refused.put("a person holding the application role, without MFA",
                TestTokens.person(TestTokens.PASSWORD_ONLY, ADMIN, AUTOMATION, DEVICES));
        refused.put("an application holding only the administrators' role", TestTokens.application(ADMIN));
        if (!endpoint.roles().contains(READER)) {
            // The roles decide first: a reader is told no, not sent to sign in again with MFA.
            io.restassured.response.Response reader = send(given().auth().oauth2(
                    TestTokens.person(TestTokens.PASSWORD_ONLY, READER)), endpoint);
            if (reader.statusCode() != 403 || reader.header("WWW-Authenticate") != null) {
                failures.add("a reader without MFA got " + reader.statusCode() + " " + reader.header("WWW-Authenticate"));
            }
        }
        for (Map.Entry<String, String> caller : refused.entrySet()) {
            io.restassured.response.Response response = send(given().auth().oauth2(caller.getValue()), endpoint);
            String challenge = String.valueOf(response.header("WWW-Authenticate"));
            if (response.statusCode() != 403 || !challenge.contains("error=\"insufficient_user_authentication\"")
                    || !response.asString().contains("sign in again with MFA")) {
                failures.add(caller.getKey() + " got " + response.statusCode() + " " + challenge + " " + response.asString());
            }
        }
        return failures;
    }

    @Test
    void theTableNamesEveryResourceMethodWithTheRolesItDeclares() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Endpoint> declared = new LinkedHashMap<>();
        for (Class<?> resource : resourceClasses()) {
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                String where = resource.getSimpleName() + "." + method.getName();
                if (verb == null) {
                    if (method.isAnnotationPresent(Path.class)) {
                        failures.add(where + " is a sub-resource locator: give it an HTTP method, or extend this test");
                    }
                    continue;
                }
                Set<String> roles = roles(resource, method);
                if (roles == null) {
                    failures.add(where + " declares neither @RolesAllowed nor @PermitAll");
                    continue;
                }
                boolean change = method.isAnnotationPresent(RequiresMfa.class) || resource.isAnnotationPresent(RequiresMfa.class);
                Endpoint endpoint = new Endpoint(verb, path(resource, method), roles, change);
                declared.put(endpoint.verb() + " " + endpoint.path(), endpoint);
            }
        }
        assertThat(declared).as("resource methods found by reflection").hasSizeGreaterThan(20);
        List<Endpoint> queries = TABLE.stream().filter(e -> e.path().contains("?")).toList();
        Map<String, Endpoint> table = TABLE.stream().filter(e -> !queries.contains(e))
                .collect(Collectors.toMap(e -> e.verb() + " " + e.path(), e -> e));
        assertThat(table).as("the table names each endpoint once").hasSize(TABLE.size() - queries.size());
        for (Endpoint query : queries) { // a query of an endpoint admits whom the endpoint admits
            Endpoint endpoint = table.get(query.verb() + " " + query.path().substring(0, query.path().indexOf('?')));
            if (endpoint == null || !endpoint.roles().equals(query.roles()) || endpoint.change() != query.change()) {
                failures.add(query + " is not a query of an endpoint in the table with the same roles");
            }
        }
        declared.forEach((key, endpoint) -> {
            Endpoint row = table.get(key);
            if (row == null) {
                failures.add(key + " is missing from the table; review who may call it and add: row(\""
                        + endpoint.verb() + "\", \"" + endpoint.path() + "\", ...)");
            } else if (!row.roles().equals(endpoint.roles())) {
                failures.add(key + " declares " + new TreeSet<>(endpoint.roles()) + " but the table says "
                        + new TreeSet<>(row.roles()));
            } else if (row.change() != endpoint.change()) {
                failures.add(key + (endpoint.change() ? " is @RequiresMfa but the table says row(...)"
                        : " lacks @RequiresMfa but the table says change(...)"));
            }
            if (!endpoint.verb().equals("GET") && !endpoint.change() && !WRITES_THAT_ARE_NOT_CHANGES.contains(key)) {
                failures.add(key + " writes without @RequiresMfa: mark it, or list it with a reason as a write that"
                        + " changes nothing");
            }
        });
        table.keySet().stream().filter(key -> !declared.containsKey(key))
                .forEach(key -> failures.add(key + " is in the table but no resource method serves it"));
        assertThat(failures).isEmpty();
    }

    private static String forged() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return TestTokens.claims(ADMIN).claim("amr", TestTokens.MFA).sign(generator.generateKeyPair().getPrivate());
    }

    private static int call(RequestSpecification request, Endpoint endpoint) {
        return send(request, endpoint).statusCode();
    }

    private static io.restassured.response.Response send(RequestSpecification request, Endpoint endpoint) {
        if (Set.of("POST", "PUT", "PATCH").contains(endpoint.verb())) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        if (Set.of("PATCH", "DELETE").contains(endpoint.verb())) {
            request = request.header("If-Match", "\"1\"");
        }
        // Paths as clients send them: Graph's "$batch" with its "$" as it is.
        return request.urlEncodingEnabled(false).request(endpoint.verb(), endpoint.concretePath());
    }

    /** The verb of a resource method: any annotation meta-annotated with {@code @HttpMethod}. */
    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** The method's own declaration wins over its class's; null when neither declares one. */
    private static Set<String> roles(Class<?> resource, Method method) {
        for (java.lang.reflect.AnnotatedElement element : List.of(method, resource)) {
            if (element.isAnnotationPresent(DenyAll.class)) {
                return Set.of();
            }
            if (element.isAnnotationPresent(PermitAll.class)) {
                return Set.of(PERMIT_ALL);
            }
            RolesAllowed allowed = element.getAnnotation(RolesAllowed.class);
            if (allowed != null) {
                return Set.copyOf(Arrays.asList(allowed.value()));
            }
        }
        return null;
    }

    private static String path(Class<?> resource, Method method) {
        String path = "/" + resource.getAnnotation(Path.class).value();
        if (method.isAnnotationPresent(Path.class)) {
            path += "/" + method.getAnnotation(Path.class).value();
        }
        path = path.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Every class of the REST adapter (any package under it) with a class-level {@code @Path}. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        String root = "dev.portcullis.adapters.rest";
        List<Class<?>> classes = new ArrayList<>();
        Enumeration<URL> urls = Thread.currentThread().getContextClassLoader().getResources(root.replace('.', '/'));
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            assertThat(url.getProtocol()).as("classes are scanned from a directory: " + url).isEqualTo("file");
            java.nio.file.Path dir = Paths.get(url.toURI());
            List<java.nio.file.Path> files;
            try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
                files = walk.filter(f -> f.toString().endsWith(".class")).toList();
            }
            for (java.nio.file.Path file : files) {
                String name = root + "." + dir.relativize(file).toString().replace(".class", "")
                        .replace(java.io.File.separatorChar, '.');
                Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                if (type.isAnnotationPresent(Path.class) && !Modifier.isAbstract(type.getModifiers())) {
                    classes.add(type);
                }
            }
        }
        assertThat(classes).as("resource classes").isNotEmpty();
        return classes;
    }
}
