package dev.portcullis.adapters.keycloak.push;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/portcullis/companion/}: the companion web app (installable, served from the
 * provider JAR) and its API. The API has no cookies and no bearer tokens: every call that acts for a
 * user carries a statement signed by the key the phone registered, verified here.
 */
public final class CompanionResource {

    /** A clock skew between phone and server that is still believable. */
    static final Duration SKEW = Duration.ofMinutes(2);
    /** Longest a held request waits; below common proxy idle timeouts. */
    static final int MAX_WAIT_SECONDS = 25;
    private static final Logger LOG = Logger.getLogger(CompanionResource.class);
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "sw.js", "text/javascript; charset=utf-8",
            "manifest.webmanifest", "application/manifest+json",
            "icon.svg", "image/svg+xml");

    private final KeycloakSession session;
    private final PushSettings settings;
    private final SecureRandom random;

    CompanionResource(KeycloakSession session, PushSettings settings, SecureRandom random) {
        this.session = session;
        this.settings = settings;
        this.random = random;
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
            return problem(404, "no such file", List.of());
        }
        try (InputStream in = CompanionResource.class.getResourceAsStream("/companion/" + name)) {
            if (in == null) {
                return problem(404, "no such file", List.of());
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

    /** The companion registers its key with the one-time code; the test push follows. */
    @POST
    @Path("companion/api/enrol")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrol(byte[] body) {
        Optional<Map<String, Object>> json = parse(body);
        if (json.isEmpty()) {
            return problem(400, "the body is not JSON", List.of());
        }
        Map<String, Object> in = json.get();
        List<Map<String, String>> errors = new ArrayList<>();
        String token = text(in, "token", errors);
        String deviceId = text(in, "deviceId", errors);
        String deviceName = in.get("deviceName") instanceof String name && !name.isBlank() ? name : "Phone";
        Map<?, ?> jwk = in.get("publicKey") instanceof Map<?, ?> m ? m : Map.of();
        String signature = text(in, "signature", errors);
        Optional<DeviceKey> key = DeviceKey.fromJwk(string(jwk.get("x")), string(jwk.get("y")));
        if (key.isEmpty() || !"P-256".equals(jwk.get("crv"))) {
            errors.add(error("publicKey", "expected a P-256 public key as a JWK (kty EC, crv P-256, x, y)"));
        }
        if (deviceId != null && !deviceId.matches("[A-Za-z0-9_-]{16,64}")) {
            errors.add(error("deviceId", "expected 16 to 64 characters of base64url"));
        }
        if (!errors.isEmpty()) {
            return problem(400, "the enrolment is incomplete", errors);
        }
        if (!key.get().verifies(new Statement.Enrol(token, deviceId).text(), signature)) {
            return problem(401, "the signature does not match the key", List.of(error("signature", "does not verify")));
        }
        RealmModel realm = session.getContext().getRealm();
        PushStore store = store(session);
        Optional<Enrolment> enrolment = store.redeem(token).filter(e -> e.realmId().equals(realm.getId())
                && e.state() == Enrolment.State.WAITING);
        if (enrolment.isEmpty()) {
            return problem(410, "this enrolment code is unknown, used or expired: show a new QR code",
                    List.of(error("token", "unknown, used or expired")));
        }
        UserModel user = session.users().getUserById(realm, enrolment.get().userId());
        if (user == null) {
            return problem(410, "the account no longer exists", List.of());
        }
        PushStore.Opened opened = store.open(realm.getId(), user.getId(), "enrolment:" + enrolment.get().handle(),
                enrolment.get().context(), Instant.now());
        if (!(opened instanceof PushStore.Opened.Sent sent)) {
            return problem(429, "pushes to this account are paused for now; try again later", List.of());
        }
        store.save(enrolment.get().registered(deviceId, deviceName.length() > 64 ? deviceName.substring(0, 64) : deviceName,
                key.get().spki(), sent.challenge().id()));
        LOG.infof("event=portcullis_push_device_registered realm=%s user=%s device=%s", realm.getName(), user.getId(), deviceId);
        return json(200, Map.of("userId", user.getId(), "username", user.getUsername(), "realm", realm.getName(),
                "deviceId", deviceId));
    }

    /** What the enrolment page polls: whether the phone registered, the test push's number, the end. */
    @GET
    @Path("companion/api/enrolments/{handle}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrolment(@PathParam("handle") String handle, @QueryParam("state") String seen,
            @QueryParam("wait") int wait) {
        RealmModel realm = session.getContext().getRealm();
        Optional<Map<String, Object>> changed = held(wait, s -> Optional.of(enrolmentState(store(s), realm, handle))
                .filter(out -> !(out.get("state") + "/" + out.getOrDefault("number", "")).equals(seen)));
        return json(200, changed.orElseGet(() -> enrolmentState(store(session), realm, handle)));
    }

    private static Map<String, Object> enrolmentState(PushStore store, RealmModel realm, String handle) {
        Optional<Enrolment> e = store.enrolment(handle).filter(x -> x.realmId().equals(realm.getId()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", e.map(x -> x.state().wire()).orElse("expired"));
        e.flatMap(Enrolment::challengeId).flatMap(id -> store.challenge(id, Instant.now()))
                .filter(c -> c.status() == Challenge.Status.PENDING).ifPresent(c -> out.put("number", c.number()));
        return out;
    }

    // ---- sign-in requests ---------------------------------------------------------------------------

    /** The push waiting for this phone's user, held until one arrives or {@code wait} seconds pass (then 204). */
    @POST
    @Path("companion/api/pending")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(byte[] body, @QueryParam("wait") int wait) {
        Optional<Map<String, Object>> json = parse(body);
        if (json.isEmpty()) {
            return problem(400, "the body is not JSON", List.of());
        }
        List<Map<String, String>> errors = new ArrayList<>();
        String userId = text(json.get(), "userId", errors);
        String deviceId = text(json.get(), "deviceId", errors);
        String signature = text(json.get(), "signature", errors);
        Optional<Instant> time = time(json.get(), errors);
        if (!errors.isEmpty()) {
            return problem(400, "the request is incomplete", errors);
        }
        RealmModel realm = session.getContext().getRealm();
        Optional<DeviceKey> key = deviceKey(session, realm, userId, deviceId, Optional.empty());
        if (key.isEmpty() || !key.get().verifies(new Statement.Poll(userId, deviceId, time.get()).text(), signature)) {
            return problem(401, "this device is not enrolled for the account, or the signature does not verify", List.of());
        }
        Optional<Map<String, Object>> found = held(wait, s -> store(s).pendingFor(realm.getId(), userId, Instant.now())
                .map(CompanionResource::describe));
        return found.map(c -> json(200, c)).orElseGet(() -> Response.noContent().build());
    }

    /** The signed answer: approve with the number typed, deny, or deny and report. */
    @POST
    @Path("companion/api/respond")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response respond(byte[] body) {
        Optional<Map<String, Object>> json = parse(body);
        if (json.isEmpty()) {
            return problem(400, "the body is not JSON", List.of());
        }
        Map<String, Object> in = json.get();
        List<Map<String, String>> errors = new ArrayList<>();
        String userId = text(in, "userId", errors);
        String deviceId = text(in, "deviceId", errors);
        String challengeId = text(in, "challengeId", errors);
        String nonce = text(in, "nonce", errors);
        String signature = text(in, "signature", errors);
        String number = in.get("number") instanceof String n ? n : "";
        Optional<Statement.Decision> decision = Statement.Decision.of(in.get("decision") instanceof String d ? d : "");
        if (decision.isEmpty()) {
            errors.add(error("decision", "expected approve, deny or report"));
        }
        if (decision.orElse(null) == Statement.Decision.APPROVE && !number.matches("\\d{2}")) {
            errors.add(error("number", "expected the two digits shown on the sign-in page"));
        }
        Optional<Instant> time = time(in, errors);
        if (!errors.isEmpty()) {
            return problem(400, "the answer is incomplete", errors);
        }
        RealmModel realm = session.getContext().getRealm();
        PushStore store = store(session);
        Instant now = Instant.now();
        Optional<Challenge> challenge = store.challenge(challengeId, now).filter(c -> c.realmId().equals(realm.getId()));
        if (challenge.isEmpty()) {
            return problem(410, "this sign-in request has expired", List.of(error("challengeId", "expired or unknown")));
        }
        Challenge c = challenge.get();
        Optional<DeviceKey> key = c.userId().equals(userId)
                ? deviceKey(session, realm, userId, deviceId, enrolmentOf(c).flatMap(store::enrolment)) : Optional.empty();
        Statement.Answer answer = new Statement.Answer(challengeId, nonce, number, decision.get(), time.get());
        if (key.isEmpty() || !key.get().verifies(answer.text(), signature)) {
            return problem(401, "this device may not answer this request, or the signature does not verify", List.of());
        }
        if (!c.nonce().equals(nonce)) {
            return problem(400, "the answer is for another request", List.of(error("nonce", "does not match")));
        }
        if (c.status() != Challenge.Status.PENDING) {
            return problem(409, "this sign-in request was already answered", List.of());
        }
        PushStore.Answered answered = store.answer(c, decision.get(), number, now);
        if (!(answered instanceof PushStore.Answered.Recorded recorded)) {
            return problem(409, "this sign-in request was already answered", List.of());
        }
        Challenge result = recorded.challenge();
        UserModel user = session.users().getUserById(realm, userId);
        LOG.infof("event=portcullis_push_answered realm=%s user=%s challenge=%s device=%s outcome=%s", realm.getName(),
                userId, c.id(), deviceId, result.status().wire());
        enrolmentOf(c).flatMap(store::enrolment).ifPresent(e -> finishEnrolment(store, realm, user, e, result));
        if (result.status() == Challenge.Status.REPORTED && user != null) {
            ReportedSignIn.report(session, realm, user, result, store, now);
        }
        return json(200, Map.of("status", result.status().wire()));
    }

    /** What the login page polls: only where the push stands, never its number. */
    @GET
    @Path("companion/api/challenges/{id}/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("id") String id, @QueryParam("wait") int wait) {
        Optional<Map<String, Object>> answered = held(wait, s -> {
            Optional<Challenge> c = store(s).challenge(id, Instant.now());
            if (c.isPresent() && c.get().status() == Challenge.Status.PENDING) {
                return Optional.empty();
            }
            return Optional.of(Map.of("status", c.map(x -> x.status().wire()).orElse("expired")));
        });
        return json(200, answered.orElseGet(() -> Map.of("status", "pending")));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void finishEnrolment(PushStore store, RealmModel realm, UserModel user, Enrolment enrolment, Challenge result) {
        if (result.status() != Challenge.Status.APPROVED || user == null) {
            store.save(enrolment.in(Enrolment.State.FAILED));
            return;
        }
        PushCredentialModel credential = PushCredentialModel.create(enrolment.deviceId().orElseThrow(),
                enrolment.deviceName().orElse("Phone"), enrolment.publicKey().orElseThrow());
        new PushCredentialProvider(session).createCredential(realm, user, credential);
        store.save(enrolment.in(Enrolment.State.DONE));
        LOG.infof("event=portcullis_push_credential_created realm=%s user=%s device=%s", realm.getName(), user.getId(),
                enrolment.deviceId().orElse(""));
    }

    private static Optional<String> enrolmentOf(Challenge challenge) {
        return challenge.boundTo().startsWith("enrolment:")
                ? Optional.of(challenge.boundTo().substring("enrolment:".length())) : Optional.empty();
    }

    /** The key of an enrolled phone of the user, or of the phone being enrolled in {@code enrolment}. */
    private Optional<DeviceKey> deviceKey(KeycloakSession s, RealmModel realm, String userId, String deviceId,
            Optional<Enrolment> enrolment) {
        UserModel user = s.users().getUserById(realm, userId);
        if (user == null) {
            return Optional.empty();
        }
        Optional<DeviceKey> enrolled = new PushCredentialProvider(s).device(user, deviceId).flatMap(PushCredentialModel::key);
        if (enrolled.isPresent()) {
            return enrolled;
        }
        Optional<Enrolment> being = enrolment.isPresent() ? enrolment : store(s).enrolmentOfDevice(deviceId);
        return being.filter(e -> e.userId().equals(userId) && e.deviceId().filter(deviceId::equals).isPresent())
                .flatMap(Enrolment::publicKey).flatMap(DeviceKey::fromSpki);
    }

    private static Map<String, Object> describe(Challenge c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("challengeId", c.id());
        out.put("nonce", c.nonce());
        out.put("application", c.context().application());
        out.put("ipAddress", c.context().ipAddress());
        out.put("browser", c.context().browser());
        out.put("platform", c.context().platform());
        out.put("test", c.context().test());
        out.put("time", c.createdAt().toString());
        out.put("expiresAt", c.expiresAt().toString());
        c.context().country().ifPresent(country -> out.put("country", country));
        return out; // never the number: the user must read it off the sign-in page
    }

    /**
     * Asks {@code check} in a fresh transaction until it answers or {@code wait} seconds pass: a held
     * request, so the answer reaches the waiting page within a poll interval rather than a refresh.
     */
    private <T> Optional<T> held(int wait, Function<KeycloakSession, Optional<T>> check) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Instant until = Instant.now().plusSeconds(Math.max(0, Math.min(wait, MAX_WAIT_SECONDS)));
        while (true) {
            Optional<T> found = KeycloakModelUtils.runJobInTransactionWithResult(factory, check::apply);
            if (found.isPresent() || !Instant.now().isBefore(until)) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private PushStore store(KeycloakSession s) {
        return new PushStore(s.singleUseObjects(), settings, random);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> parse(byte[] body) {
        try {
            Object value = body == null || body.length == 0 ? null : JsonSerialization.readValue(body, Object.class);
            return value instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    private static String text(Map<String, Object> in, String field, List<Map<String, String>> errors) {
        String value = string(in.get(field));
        if (value == null || value.isBlank() || value.length() > 512) {
            errors.add(error(field, "required: a string"));
            return null;
        }
        return value;
    }

    private static Optional<Instant> time(Map<String, Object> in, List<Map<String, String>> errors) {
        if (!(in.get("time") instanceof Number seconds) || seconds instanceof Double || seconds instanceof Float) {
            errors.add(error("time", "required: seconds since the epoch"));
            return Optional.empty();
        }
        Instant time = Instant.ofEpochSecond(seconds.longValue());
        if (Duration.between(time, Instant.now()).abs().compareTo(SKEW) > 0) {
            errors.add(error("time", "the phone's clock is more than " + SKEW.toMinutes() + " minutes off"));
            return Optional.empty();
        }
        return Optional.of(time);
    }

    private static Map<String, String> error(String path, String message) {
        return Map.of("path", path, "message", message);
    }

    /** RFC 9457 problem details, naming the fields at fault. */
    private static Response problem(int status, String detail, List<Map<String, String>> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "about:blank");
        out.put("title", Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        out.put("status", status);
        out.put("detail", detail);
        if (!errors.isEmpty()) {
            out.put("errors", errors);
        }
        return Response.status(status).type("application/problem+json").entity(bytes(out))
                .header("Cache-Control", "no-store").build();
    }

    private static Response json(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(bytes(body))
                .header("Cache-Control", "no-store").build();
    }

    private static byte[] bytes(Object node) {
        try {
            return JsonSerialization.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
