package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint, found by reflection so a new one cannot be forgotten: it must declare who may
 * call it, a request without a token is 401, a token without one of its roles is 403, and a token
 * with one gets past security (whatever the request then says).
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class EndpointSecurityTest {

    private static final List<String> ALL_ROLES = List.of(Roles.ADMIN, Roles.READER, Roles.NODE, Roles.DEVICE_MANAGER);
    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", PATCH.class, "PATCH", DELETE.class, "DELETE");

    record Endpoint(String verb, String path, Set<String> roles) {
        @Override
        public String toString() {
            return verb + " " + path + " " + roles;
        }
    }

    @Test
    void everyEndpointRefusesStrangersAndWrongRolesAndLetsItsRolesIn() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found by reflection").hasSizeGreaterThan(25);
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int anonymous = call(given(), endpoint);
            if (anonymous != 401) {
                failures.add(endpoint + ": without a token answered " + anonymous);
            }
            for (String role : ALL_ROLES) {
                int status = call(given().auth().oauth2(token(role)), endpoint);
                boolean allowed = endpoint.roles().contains(role);
                if (allowed && (status == 401 || status == 403)) {
                    failures.add(endpoint + ": role " + role + " was refused with " + status);
                }
                if (!allowed && status != 403) {
                    failures.add(endpoint + ": role " + role + " answered " + status + " instead of 403");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String token(String role) {
        return Jwt.issuer("https://portcullis.test").upn("alice@example.test").groups(Set.of(role)).sign();
    }

    private static int call(RequestSpecification request, Endpoint endpoint) {
        if (!endpoint.verb().equals("GET") && !endpoint.verb().equals("DELETE")) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        return request.request(endpoint.verb(), endpoint.path()).statusCode();
    }

    /** Every resource method of the REST adapter, with the path filled in and the roles it declares. */
    private static List<Endpoint> endpoints() throws Exception {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
                    if (!method.isAnnotationPresent(verb.getKey())) {
                        continue;
                    }
                    RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class)
                            ? method.getAnnotation(RolesAllowed.class) : resource.getAnnotation(RolesAllowed.class);
                    assertThat(roles).as(resource.getSimpleName() + "." + method.getName() + " declares its roles").isNotNull();
                    String sub = method.isAnnotationPresent(Path.class) ? "/" + method.getAnnotation(Path.class).value() : "";
                    String path = (base + sub).replaceAll("\\{[^}]+}", "x");
                    endpoints.add(new Endpoint(verb.getValue(), path, Set.copyOf(Arrays.asList(roles.value()))));
                }
            }
        }
        return endpoints;
    }

    private static List<Class<?>> resourceClasses() throws Exception {
        String pkg = EndpointSecurityTest.class.getPackageName();
        List<Class<?>> classes = new ArrayList<>();
        var urls = Thread.currentThread().getContextClassLoader().getResources(pkg.replace('.', '/'));
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            if (!url.getProtocol().equals("file")) {
                continue;
            }
            File[] files = new File(url.toURI()).listFiles((dir, name) -> name.endsWith(".class") && !name.contains("$"));
            for (File file : files == null ? new File[0] : files) {
                Class<?> type = Class.forName(pkg + "." + file.getName().replace(".class", ""));
                if (type.isAnnotationPresent(Path.class)) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }
}
