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
 * admits. Each row is called without a token and with forged, expired and foreign tokens (401),
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
    private static final String PERMIT_ALL = "@PermitAll";
    private static final List<String> ALL_ROLES = List.of(ADMIN, READER, NODE, DEVICES);
    private static final String CA = "/v1.0/identity/conditionalAccess";

    /** The table: method, path template as the resource declares it, and the roles it admits. */
    static final List<Endpoint> TABLE = List.of(
            row("GET", CA + "/policies", ADMIN, READER),
            row("POST", CA + "/policies", ADMIN),
            row("GET", CA + "/policies/{id}", ADMIN, READER),
            row("PATCH", CA + "/policies/{id}", ADMIN),
            row("DELETE", CA + "/policies/{id}", ADMIN),
            row("GET", CA + "/policies/{id}/reportOnlyImpact", ADMIN, READER),
            row("GET", CA + "/namedLocations", ADMIN, READER),
            row("POST", CA + "/namedLocations", ADMIN),
            row("GET", CA + "/namedLocations/{id}", ADMIN, READER),
            row("PATCH", CA + "/namedLocations/{id}", ADMIN),
            row("DELETE", CA + "/namedLocations/{id}", ADMIN),
            row("GET", CA + "/authenticationStrength/policies", ADMIN, READER),
            row("POST", CA + "/authenticationStrength/policies", ADMIN),
            row("GET", CA + "/authenticationStrength/policies/{id}", ADMIN, READER),
            row("PATCH", CA + "/authenticationStrength/policies/{id}", ADMIN),
            row("DELETE", CA + "/authenticationStrength/policies/{id}", ADMIN),
            row("GET", CA + "/templates", ADMIN, READER),
            row("POST", CA + "/templates/{templateId}/instantiate", ADMIN),
            row("POST", CA + "/evaluate", ADMIN, READER),
            row("POST", CA + "/import", ADMIN),
            // Nodes pull what they enforce; people may read it too. Nothing else is a node's.
            row("GET", CA + "/snapshot", NODE, ADMIN, READER),
            row("POST", "/v1.0/auditLogs/signIns", NODE),
            row("GET", "/v1.0/auditLogs/signIns", ADMIN, READER),
            row("GET", "/v1.0/auditLogs/directoryAudits", ADMIN, READER),
            row("GET", "/v1.0/security/portcullisAlerts", ADMIN, READER),
            row("POST", "/v1.0/security/portcullisAlerts/{id}/acknowledge", ADMIN),
            row("GET", "/v1.0/identityProtection/riskyUsers", ADMIN, READER),
            row("GET", "/v1.0/identityProtection/riskyUsers/{id}", ADMIN, READER),
            row("POST", "/v1.0/identityProtection/riskyUsers/confirmCompromised", ADMIN),
            row("POST", "/v1.0/identityProtection/riskyUsers/dismiss", ADMIN),
            // An MDM integration reports devices and reads them back, nothing else.
            row("GET", "/v1.0/devices", ADMIN, READER, DEVICES),
            row("POST", "/v1.0/devices", ADMIN, DEVICES),
            row("GET", "/v1.0/devices/{id}", ADMIN, READER, DEVICES),
            row("PUT", "/v1.0/devices/{id}", ADMIN, DEVICES),
            row("PATCH", "/v1.0/devices/{id}", ADMIN, DEVICES),
            row("DELETE", "/v1.0/devices/{id}", ADMIN, DEVICES));

    record Endpoint(String verb, String path, Set<String> roles) {
        boolean permitAll() {
            return roles.contains(PERMIT_ALL);
        }

        /** The path with every template variable filled in. */
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "x");
        }

        @Override
        public String toString() {
            return verb + " " + path + " " + new TreeSet<>(roles);
        }
    }

    private static Endpoint row(String verb, String path, String... roles) {
        return new Endpoint(verb, path, Set.of(roles));
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
        strangers.put("an expired token", given().auth().oauth2(Jwt.issuer("https://portcullis.test")
                .upn("alice@example.test").groups(Set.of(ADMIN)).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign()));
        strangers.put("a token of another issuer", given().auth().oauth2(Jwt.issuer("https://elsewhere.test")
                .upn("alice@example.test").groups(Set.of(ADMIN)).sign()));
        strangers.put("a malformed token", given().header("Authorization", "Bearer not.a.jwt"));
        for (Map.Entry<String, RequestSpecification> stranger : strangers.entrySet()) {
            int status = call(stranger.getValue(), endpoint);
            if (endpoint.permitAll() ? status == 401 || status == 403 : status != 401) {
                failures.add(stranger.getKey() + ": " + status);
            }
        }
        Map<String, String> callers = new LinkedHashMap<>();
        ALL_ROLES.forEach(role -> callers.put(role, token(Set.of(role))));
        callers.put("no role at all", token(Set.of()));
        callers.put("a role of a similar name", token(Set.of(ADMIN + "s", "admin", "Portcullis-Admin")));
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
        assertThat(failures).as(endpoint.toString()).isEmpty();
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
                Endpoint endpoint = new Endpoint(verb, path(resource, method), roles);
                declared.put(endpoint.verb() + " " + endpoint.path(), endpoint);
            }
        }
        assertThat(declared).as("resource methods found by reflection").hasSizeGreaterThan(20);
        Map<String, Endpoint> table = TABLE.stream().collect(Collectors.toMap(e -> e.verb() + " " + e.path(), e -> e));
        assertThat(table).as("the table names each endpoint once").hasSameSizeAs(TABLE);
        declared.forEach((key, endpoint) -> {
            Endpoint row = table.get(key);
            if (row == null) {
                failures.add(key + " is missing from the table; review who may call it and add: row(\""
                        + endpoint.verb() + "\", \"" + endpoint.path() + "\", ...)");
            } else if (!row.roles().equals(endpoint.roles())) {
                failures.add(key + " declares " + new TreeSet<>(endpoint.roles()) + " but the table says "
                        + new TreeSet<>(row.roles()));
            }
        });
        table.keySet().stream().filter(key -> !declared.containsKey(key))
                .forEach(key -> failures.add(key + " is in the table but no resource method serves it"));
        assertThat(failures).isEmpty();
    }

    private static String token(Set<String> groups) {
        return Jwt.issuer("https://portcullis.test").upn("alice@example.test").groups(groups).sign();
    }

    private static String forged() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Jwt.issuer("https://portcullis.test").upn("alice@example.test").groups(Set.of(ADMIN))
                .sign(generator.generateKeyPair().getPrivate());
    }

    private static int call(RequestSpecification request, Endpoint endpoint) {
        if (Set.of("POST", "PUT", "PATCH").contains(endpoint.verb())) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        if (Set.of("PATCH", "DELETE").contains(endpoint.verb())) {
            request = request.header("If-Match", "\"1\"");
        }
        return request.request(endpoint.verb(), endpoint.concretePath()).statusCode();
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
