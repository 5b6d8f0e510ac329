package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.Parsed;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Graph collection behaviour every document kind shares: list, get with its ETag, create with a
 * generated id, JSON merge patch and delete with If-Match. Every write is read and validated whole
 * before anything is stored, and names the version it replaces, so no update is ever lost.
 *
 * @param <T> the domain type (a policy, a named location)
 */
final class DocumentEndpoint<T> {

    private final SnapshotChanges changes;

    /** How one kind of document maps between Graph JSON and the domain. */
    interface Kind<T> {
        DocumentKind kind();

        String noun();

        String odataContext();

        Parsed<T> read(JsonNode json, boolean strict);

        String id(T value);

        String displayName(T value);

        T withId(T value, String id);

        ObjectNode write(T value);

        /** Documents that always exist and cannot change (Graph's built-in authentication strengths). */
        default List<T> builtIn() {
            return List.of();
        }

        /**
         * Why a write must not happen (the lockout guard); empty when it may. The caller can force
         * past these reasons, but never past a validation error.
         */
        default List<String> refusals(Optional<T> before, T after, String actor) {
            return List.of();
        }
    }

    /**
     * Policies name locations and strengths. Checking those references and writing must not
     * interleave with deleting what they name: a policy naming a deleted location breaks every
     * snapshot and policy write after it. So writes of these kinds take turns (in this control
     * plane; replicas sharing one database would need the database to serialise them).
     */
    private static final Object REFERENCES = new Object();
    private static final Set<DocumentKind> REFERENCING = EnumSet.of(DocumentKind.POLICY,
            DocumentKind.NAMED_LOCATION, DocumentKind.AUTHENTICATION_STRENGTH);

    private final GraphJson json;
    private final LoadDocumentsPort load;
    private final SaveDocumentPort save;
    private final AuditLogPort audit;
    private final ControlPlaneMetrics metrics;
    private final Kind<T> kind;

    DocumentEndpoint(GraphJson json, LoadDocumentsPort load, SaveDocumentPort save, AuditLogPort audit,
            ControlPlaneMetrics metrics, SnapshotChanges changes, Kind<T> kind) {
        this.changes = changes;
        this.json = json;
        this.load = load;
        this.save = save;
        this.audit = audit;
        this.metrics = metrics;
        this.kind = kind;
    }

    /** Every change is audited: who, when, the document before and after. */
    private void audit(String actor, String activity, String id, Optional<String> before, Optional<String> after) {
        audit(actor, activity, List.of(), id, before, after);
    }

    /** A change forced past the lockout guard says in the audit log what it was warned about. */
    private void audit(String actor, String activity, List<String> forcedPast, String id, Optional<String> before,
            Optional<String> after) {
        String what = activity + " " + kind.noun()
                + (forcedPast.isEmpty() ? "" : " (forced past: " + String.join("; ", forcedPast) + ")");
        audit.append(new AuditLogPort.Entry(UUID.randomUUID().toString(), Instant.now(), actor, what, kind.kind(), id,
                before, after));
        metrics.change(kind.kind(), activity);
        changes.changed(); // nodes waiting on this control plane hear of it now, not at the next watch
    }

    Response list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", kind.odataContext());
        var value = body.putArray("value");
        kind.builtIn().forEach(v -> value.add(kind.write(v)));
        load.loadAll(kind.kind()).forEach(doc -> value.add(tree(doc)));
        return Response.ok(json.bytes(body)).build();
    }

    Response get(String id) {
        Optional<T> builtIn = builtIn(id);
        if (builtIn.isPresent()) {
            return Response.ok(json.bytes(kind.write(builtIn.get()))).build();
        }
        Optional<StoredDocument> doc = load.load(kind.kind(), id);
        if (doc.isEmpty()) {
            return notFound(id);
        }
        return Response.ok(doc.get().json().getBytes(StandardCharsets.UTF_8)).tag(tag(doc.get())).build();
    }

    Response create(byte[] body, boolean strict, boolean force, UriInfo uri, String actor) {
        return inTurn(() -> createNow(body, strict, force, uri, actor));
    }

    private Response createNow(byte[] body, boolean strict, boolean force, UriInfo uri, String actor) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        Parsed<T> parsed = kind.read(tree.value(), strict);
        if (!parsed.ok()) {
            return Problem.invalid(parsed.errors());
        }
        T value = kind.id(parsed.value()).isBlank()
                ? kind.withId(parsed.value(), UUID.randomUUID().toString())
                : parsed.value();
        if (builtIn(kind.id(value)).isPresent()) {
            return builtInIsReadOnly(kind.id(value));
        }
        List<String> refusals = kind.refusals(Optional.empty(), value, actor);
        if (!refusals.isEmpty() && !force) {
            return Problem.refused(refusals);
        }
        SaveResult result = save.create(kind.kind(), kind.id(value), kind.displayName(value), text(value));
        if (result instanceof SaveResult.AlreadyExists) {
            return Problem.of(Response.Status.CONFLICT, "Already exists", "a " + kind.noun() + " with id '"
                    + kind.id(value) + "' exists: change it with PATCH, or leave the id out to get a new one", List.of());
        }
        StoredDocument stored = ((SaveResult.Saved) result).document();
        audit(actor, "create", refusals, stored.id(), Optional.empty(), Optional.of(stored.json()));
        return Response.created(uri.getAbsolutePathBuilder().path(stored.id()).build())
                .entity(withWarnings(stored, both(tree.warnings(), parsed.warnings()))).tag(tag(stored)).build();
    }

    private static List<ValidationProblem> both(List<ValidationProblem> first, List<ValidationProblem> second) {
        List<ValidationProblem> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** JSON merge patch (RFC 7396) of the stored document, validated whole, written only if If-Match is current. */
    Response patch(String id, String ifMatch, byte[] body, boolean strict, boolean force, String actor) {
        return inTurn(() -> patchNow(id, ifMatch, body, strict, force, actor));
    }

    private Response patchNow(String id, String ifMatch, byte[] body, boolean strict, boolean force, String actor) {
        if (builtIn(id).isPresent()) {
            return builtInIsReadOnly(id);
        }
        Optional<StoredDocument> current = load.load(kind.kind(), id);
        if (current.isEmpty()) {
            return notFound(id);
        }
        Optional<Long> expected = expectedVersion(ifMatch);
        if (expected.isEmpty()) {
            return Problem.ifMatchRequired();
        }
        Parsed<JsonNode> patch = json.parse(body);
        if (!patch.ok()) {
            return Problem.invalid(patch.errors());
        }
        if (!patch.value().isObject()) {
            return Problem.invalid(List.of(new ValidationProblem("", "expected a JSON object")));
        }
        if (patch.value().has("id") && !id.equals(patch.value().path("id").asText())) {
            return Problem.invalid(List.of(new ValidationProblem("id", "the id cannot change")));
        }
        Parsed<T> parsed = kind.read(merge(tree(current.get()).deepCopy(), patch.value()), strict);
        if (!parsed.ok()) {
            return Problem.invalid(parsed.errors());
        }
        List<String> refusals = kind.refusals(Optional.of(kind.read(tree(current.get()), false).orElseThrow()),
                parsed.value(), actor);
        if (!refusals.isEmpty() && !force) {
            return Problem.refused(refusals);
        }
        SaveResult result = save.replace(kind.kind(), id, expected.get(), kind.displayName(parsed.value()),
                text(parsed.value()));
        if (result instanceof SaveResult.VersionConflict conflict) {
            return Problem.stale(conflict.currentVersion());
        }
        if (result instanceof SaveResult.NotFound) {
            return notFound(id);
        }
        StoredDocument stored = ((SaveResult.Saved) result).document();
        audit(actor, "update", refusals, id, Optional.of(current.get().json()), Optional.of(stored.json()));
        return Response.ok(withWarnings(stored, both(patch.warnings(), parsed.warnings()))).tag(tag(stored)).build();
    }

    /**
     * PUT: the whole document at this id, created or replaced whatever version is stored. For
     * sources of truth outside Portcullis (an MDM reporting a device), where the last report wins.
     */
    Response put(String id, byte[] body, String actor) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        if (!tree.value().isObject()) {
            return Problem.invalid(List.of(new ValidationProblem("", "expected a JSON object")));
        }
        ObjectNode document = (ObjectNode) tree.value();
        if (document.has("id") && !id.equals(document.path("id").asText())) {
            return Problem.invalid(List.of(new ValidationProblem("id", "must be the id in the path, '" + id + "'")));
        }
        document.put("id", id);
        Parsed<T> parsed = kind.read(document, false);
        if (!parsed.ok()) {
            return Problem.invalid(parsed.errors());
        }
        String text = text(parsed.value());
        // A concurrent report can win between read and write: read again and retry, a few times.
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredDocument> current = load.load(kind.kind(), id);
            SaveResult result = current.isEmpty()
                    ? save.create(kind.kind(), id, kind.displayName(parsed.value()), text)
                    : save.replace(kind.kind(), id, current.get().version(), kind.displayName(parsed.value()), text);
            if (result instanceof SaveResult.Saved saved) {
                audit(actor, current.isEmpty() ? "create" : "update", id, current.map(StoredDocument::json),
                        Optional.of(saved.document().json()));
                return Response.status(current.isEmpty() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(withWarnings(saved.document(), parsed.warnings())).tag(tag(saved.document())).build();
            }
        }
        return Problem.of(Response.Status.CONFLICT, "Busy", "the " + kind.noun() + " '" + id
                + "' kept changing while it was written: send it again", List.of());
    }

    /** @param stillUsedBy names what refers to the document; a document in use is not deleted */
    Response delete(String id, String ifMatch, Function<String, List<String>> stillUsedBy, String actor) {
        return inTurn(() -> deleteNow(id, ifMatch, stillUsedBy, actor));
    }

    private Response deleteNow(String id, String ifMatch, Function<String, List<String>> stillUsedBy, String actor) {
        if (builtIn(id).isPresent()) {
            return builtInIsReadOnly(id);
        }
        Optional<StoredDocument> current = load.load(kind.kind(), id);
        if (current.isEmpty()) {
            return notFound(id);
        }
        Optional<Long> expected = expectedVersion(ifMatch);
        if (expected.isEmpty()) {
            return Problem.ifMatchRequired();
        }
        List<String> users = stillUsedBy.apply(id);
        if (!users.isEmpty()) {
            return Problem.of(Response.Status.CONFLICT, "Still in use", "the " + kind.noun() + " is used by "
                    + String.join(", ", users) + ": remove it from them first", List.of());
        }
        SaveResult result = save.delete(kind.kind(), id, expected.get());
        if (result instanceof SaveResult.VersionConflict conflict) {
            return Problem.stale(conflict.currentVersion());
        }
        if (result instanceof SaveResult.NotFound) {
            return notFound(id);
        }
        audit(actor, "delete", id, Optional.of(current.get().json()), Optional.empty());
        return Response.noContent().build();
    }

    private Optional<T> builtIn(String id) {
        return kind.builtIn().stream().filter(v -> kind.id(v).equals(id)).findFirst();
    }

    private Response builtInIsReadOnly(String id) {
        return Problem.of(Response.Status.FORBIDDEN, "Built-in", "the built-in " + kind.noun() + " '" + id
                + "' cannot be changed or replaced: create a custom one instead", List.of());
    }

    private Response inTurn(Supplier<Response> write) {
        if (!REFERENCING.contains(kind.kind())) {
            return write.get();
        }
        return referencesInTurn(write);
    }

    /** A write of documents that name each other (policies, locations, strengths) takes its turn. */
    static Response referencesInTurn(Supplier<Response> write) {
        synchronized (REFERENCES) {
            return write.get();
        }
    }

    private Response notFound(String id) {
        return Problem.notFound(kind.noun() + " '" + id + "'");
    }

    private JsonNode tree(StoredDocument doc) {
        return json.parse(doc.json().getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private String text(T value) {
        return new String(json.bytes(kind.write(value)), StandardCharsets.UTF_8);
    }

    /** Parts Portcullis cannot enforce are said, never silently dropped. */
    private byte[] withWarnings(StoredDocument stored, List<ValidationProblem> warnings) {
        return json.bytes(json.withWarnings((ObjectNode) tree(stored), warnings));
    }

    private static EntityTag tag(StoredDocument doc) {
        return new EntityTag(Long.toString(doc.version()));
    }

    private static Optional<Long> expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return Optional.empty();
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Optional.of(Long.parseLong(value.replace("\"", "")));
        } catch (NumberFormatException e) {
            return Optional.of(-1L); // an ETag we never issued can only be stale
        }
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode result = (ObjectNode) target;
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.path(field.getKey()).isMissingNode()
                        ? JsonNodeFactory.instance.objectNode() : result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
