package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.tap.PassVerifier;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Graph's {@code temporaryAccessPassAuthenticationMethod}: a POST asking for one, the method as the
 * API answers (never the pass, except in the one answer that issues it), and as stored and
 * published to nodes, where it also carries the user's id and its verifier.
 */
public final class TemporaryAccessPassJson {

    public static final String ODATA_CONTEXT = "https://graph.microsoft.com/v1.0/$metadata#users('%s')"
            + "/authentication/temporaryAccessPassMethods";
    private static final TemporaryAccessPassJson INSTANCE = new TemporaryAccessPassJson();
    private static final Set<String> REQUEST_FIELDS = Set.of("startDateTime", "lifetimeInMinutes", "isUsableOnce");

    private final JsonText json = JsonText.shared();

    /** What a POST asks for. @param startDateTime empty: now */
    public record Request(Optional<Instant> startDateTime, int lifetimeInMinutes, boolean isUsableOnce) {}

    private TemporaryAccessPassJson() {}

    public static TemporaryAccessPassJson instance() {
        return INSTANCE;
    }

    /** The method as the API shows it at {@code now}: whether it works, and Graph's reason. */
    public ObjectNode write(TemporaryAccessPass method, Instant now) {
        ObjectNode node = common(method);
        node.put("isUsable", method.isUsable(now));
        node.put("methodUsabilityReason", method.usability(now).graphName());
        return node;
    }

    /** The answer that issues a pass: the only place the pass ever appears. */
    public ObjectNode writeIssued(TemporaryAccessPass method, String pass, Instant now) {
        ObjectNode node = write(method, now);
        node.put("temporaryAccessPass", pass);
        return node;
    }

    private static ObjectNode common(TemporaryAccessPass method) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("@odata.type", "#microsoft.graph.temporaryAccessPassAuthenticationMethod");
        node.put("id", method.id());
        node.put("createdDateTime", method.createdDateTime().toString());
        node.put("startDateTime", method.startDateTime().toString());
        node.put("lifetimeInMinutes", method.lifetimeInMinutes());
        node.put("isUsableOnce", method.isUsableOnce());
        return node;
    }

    /**
     * As stored and published: the user it belongs to, when known its verifier, and the use of a
     * one-time pass; nothing worked out from the time of reading.
     */
    ObjectNode writeKept(TemporaryAccessPass method) {
        ObjectNode node = common(method);
        node.put("userId", method.userId());
        method.verifier().ifPresent(v -> node.putObject("verifier").put("salt", v.salt()).put("hash", v.hash()));
        method.usedDateTime().ifPresent(at -> node.put("usedDateTime", at.toString()));
        return node;
    }

    /** A kept method, read back (it was valid when written). */
    TemporaryAccessPass readKept(JsonReader r) {
        Instant created = r.instant("createdDateTime");
        Instant start = r.instant("startDateTime");
        long lifetime = r.integer("lifetimeInMinutes").orElse(0L);
        Optional<PassVerifier> verifier = r.object("verifier")
                .map(v -> new PassVerifier(v.requiredString("salt"), v.requiredString("hash")));
        Optional<Instant> used = r.string("usedDateTime").flatMap(text -> instant(r.problems(), "usedDateTime", text));
        String id = r.requiredString("id");
        String userId = r.requiredString("userId");
        if (created == null || start == null || !r.problems().errors.isEmpty()) {
            return null;
        }
        try {
            return new TemporaryAccessPass(id, userId, created, start, (int) lifetime, r.bool("isUsableOnce").orElse(false),
                    verifier, used);
        } catch (IllegalArgumentException e) {
            r.problems().error(r.path("lifetimeInMinutes"), e.getMessage());
            return null;
        }
    }

    /** A POST: every field optional (Entra's defaults: now, 60 minutes, many uses); wrong ones are named. */
    public Parsed<Request> readRequest(byte[] body) {
        Parsed<JsonNode> tree = body == null || body.length == 0
                ? new Parsed<>(JsonNodeFactory.instance.objectNode(), List.of(), List.of()) : json.parse(body);
        if (!tree.ok()) {
            return new Parsed<>(null, tree.errors(), tree.warnings());
        }
        return JsonReader.document(tree.value(), ReadMode.STRICT, "expected a JSON object", TemporaryAccessPassJson::request);
    }

    private static Request request(JsonReader r) {
        ReadProblems problems = r.problems();
        r.onlyKnownFields(REQUEST_FIELDS);
        Optional<Instant> start = r.string("startDateTime").flatMap(text -> instant(problems, "startDateTime", text));
        long lifetime = r.integer("lifetimeInMinutes").orElse((long) TemporaryAccessPass.DEFAULT_LIFETIME_IN_MINUTES);
        TemporaryAccessPass.lifetimeProblem(lifetime).ifPresent(p -> problems.error(p.path(), p.message()));
        boolean once = r.bool("isUsableOnce").orElse(false);
        return problems.errors.isEmpty() ? new Request(start, (int) lifetime, once) : null;
    }

    /** An optional instant written as text; a wrong one is an error naming its field. */
    private static Optional<Instant> instant(ReadProblems problems, String field, String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            problems.error(field, "expected an ISO-8601 instant such as 2026-01-31T08:00:00Z");
            return Optional.empty();
        }
    }

    /** As stored: the kept form. */
    DocumentCodec<TemporaryAccessPass> codec() {
        return new DocumentCodec<>() {
            @Override
            public String encode(TemporaryAccessPass value) {
                return json.text(writeKept(value));
            }

            @Override
            public TemporaryAccessPass decode(String stored) {
                JsonNode tree = json.parse(stored.getBytes(StandardCharsets.UTF_8)).orElseThrow();
                return JsonReader.document(tree, ReadMode.LENIENT, JsonReader.AN_OBJECT, INSTANCE::readKept).orElseThrow();
            }
        };
    }
}
