package dev.portcullis.adapters.keycloak.push;

import static dev.portcullis.adapters.keycloak.push.CompanionReply.json;
import static dev.portcullis.adapters.keycloak.push.CompanionReply.problem;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/portcullis/companion/}: the companion web app (installable, served from the
 * provider JAR) and its API. The API has no cookies and no bearer tokens: every call that acts for a
 * user carries a statement signed by the key the phone registered, verified by {@link PhoneEnrolment}
 * and {@link SignInRequests}.
 */
public final class CompanionResource {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "sw.js", "text/javascript; charset=utf-8",
            "manifest.webmanifest", "application/manifest+json",
            "icon.svg", "image/svg+xml");

    private final KeycloakSession session;
    private final Function<KeycloakSession, PushStore> stores;

    CompanionResource(KeycloakSession session, Function<KeycloakSession, PushStore> stores) {
        this.session = session;
        this.stores = stores;
    }

    // ---- the app ------------------------------------------------------------------------------------

    @GET
    @Path("companion")
    public Response companionRoot() {
        return Response.status(Response.Status.MOVED_PERMANENTLY)
                .location(URI.create(session.getContext().getUri().getRequestUri().getPath() + "/")).build();
    }

    @GET
    @Path("companion/{file: [a-z.]*}")
    public Response file(@PathParam("file") String file) throws IOException {
        String name = file.isEmpty() ? "index.html" : file;
        String type = FILES.get(name);
        if (type == null) {
            return problem(404, "no such file");
        }
        try (InputStream in = CompanionResource.class.getResourceAsStream("/companion/" + name)) {
            if (in == null) {
                return problem(404, "no such file");
            }
            CacheControl cache = new CacheControl();
            cache.setNoCache(true); // revalidate: a new provider version must reach phones at once
            return Response.ok(in.readAllBytes(), type).cacheControl(cache)
                    .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Service-Worker-Allowed", "./").build();
        }
    }

    // ---- enrolment ----------------------------------------------------------------------------------

    @POST
    @Path("companion/api/enrol")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrol(byte[] body) {
        return withBody(body, in -> new PhoneEnrolment(session, stores).enrol(in));
    }

    /** What the enrolment page polls: whether the phone registered, the test push's number, the end. */
    @GET
    @Path("companion/api/enrolments/{handle}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrolment(@PathParam("handle") String handle, @QueryParam("state") String seen,
            @QueryParam("wait") int wait) {
        RealmModel realm = session.getContext().getRealm();
        Optional<Map<String, Object>> changed = held(wait, s -> Optional.of(PhoneEnrolment.state(stores.apply(s), realm, handle))
                .filter(out -> !(out.get("state") + "/" + out.getOrDefault("number", "")).equals(seen)));
        return json(200, changed.orElseGet(() -> PhoneEnrolment.state(stores.apply(session), realm, handle)));
    }

    // ---- sign-in requests ---------------------------------------------------------------------------

    @POST
    @Path("companion/api/pending")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(byte[] body, @QueryParam("wait") int wait) {
        return withBody(body, in -> new SignInRequests(session, stores).pending(in, wait));
    }

    @POST
    @Path("companion/api/respond")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response respond(byte[] body) {
        return withBody(body, in -> new SignInRequests(session, stores).respond(in));
    }

    /** What the login page polls: only where the push stands, never its number. */
    @GET
    @Path("companion/api/challenges/{id}/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("id") String id, @QueryParam("wait") int wait) {
        Optional<Map<String, Object>> answered = held(wait, s -> {
            Optional<Challenge> c = stores.apply(s).challenge(id, Instant.now());
            if (c.isPresent() && c.get().status() == Challenge.Status.PENDING) {
                return Optional.empty();
            }
            return Optional.of(Map.of("status", c.map(x -> x.status().wire()).orElse("expired")));
        });
        return json(200, answered.orElseGet(() -> Map.of("status", "pending")));
    }

    private <T> Optional<T> held(int wait, Function<KeycloakSession, Optional<T>> check) {
        return new HeldRequest(session.getKeycloakSessionFactory()).await(wait, check);
    }

    private static Response withBody(byte[] body, Function<CompanionRequest, Response> handler) {
        return CompanionRequest.parse(body).map(handler).orElseGet(() -> problem(400, "the body is not JSON"));
    }
}
