package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageDocuments;
import dev.portcullis.core.port.in.References;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.ProblemsJson;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Graph collection over one use case: reads the request's JSON (a JSON merge patch, RFC 7396,
 * for PATCH), the ETag in {@code If-Match}, and maps what the use case did to HTTP and back.
 *
 * @param <T> the domain type (a policy, a named location)
 */
final class DocumentEndpoint<T> {

    private final JsonText json = JsonText.shared();
    private final ManageDocuments<T> documents;
    private final GraphDocument<T> graph;

    DocumentEndpoint(ManageDocuments<T> documents, GraphDocument<T> graph) {
        this.documents = documents;
        this.graph = graph;
    }

    Response list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", graph.odataContext());
        var value = body.putArray("value");
        documents.list().forEach(v -> value.add(graph.write(v)));
        return Response.ok(json.bytes(body)).build();
    }

    Response get(String id) {
        Optional<Versioned<T>> found = documents.get(id);
        if (found.isEmpty()) {
            return Problem.notFound(graph.noun() + " '" + id + "'");
        }
        Response.ResponseBuilder ok = Response.ok(json.bytes(graph.write(found.get())));
        found.get().version().ifPresent(version -> ok.tag(tag(version)));
        return ok.build();
    }

    Response create(byte[] body, boolean strict, boolean force, UriInfo uri, String actor) {
        DocumentResult<T> result = documents.create(new ManageDocuments.Create<>(references -> {
            Parsed<JsonNode> tree = json.parse(body);
            if (!tree.ok()) {
                return Checked.invalid(tree.errors());
            }
            return checked(graph.read(tree.value(), strict, references)).after(tree.warnings());
        }, force, actor));
        if (result instanceof DocumentResult.Written<T> written) {
            return Response.created(uri.getAbsolutePathBuilder().path(written.document().id()).build()).entity(body(written))
                    .tag(tag(written.document().version().orElseThrow())).build();
        }
        return problem(result);
    }

    /** JSON merge patch of the stored document, validated whole, written only if If-Match is current. */
    Response patch(String id, String ifMatch, byte[] body, boolean strict, boolean force, String actor) {
        DocumentResult<T> result = documents.update(new ManageDocuments.Update<>(id, expectedVersion(ifMatch),
                (current, references) -> {
                    Parsed<JsonNode> patch = json.parse(body);
                    if (!patch.ok()) {
                        return Checked.invalid(patch.errors());
                    }
                    if (!patch.value().isObject()) {
                        return Checked.invalid("", "expected a JSON object");
                    }
                    if (patch.value().has("id") && !id.equals(patch.value().path("id").asText())) {
                        return Checked.invalid("id", "the id cannot change");
                    }
                    JsonNode merged = merge(graph.write(current), patch.value());
                    return checked(graph.read(merged, strict, references)).after(patch.warnings());
                }, force, actor));
        return written(result, Response.Status.OK);
    }

    /**
     * PUT: the whole document at this id, created or replaced whatever version is stored (an MDM
     * reporting a device, where the last report wins).
     */
    Response put(String id, byte[] body, java.util.function.Function<Checked<T>, DocumentResult<T>> report) {
        Parsed<JsonNode> tree = json.parse(body);
        return reported(report.apply(tree.ok() ? whole(id, tree.value()) : Checked.invalid(tree.errors())));
    }

    /** The answer to a PUT: 201 when it created the document, 200 when it replaced it, else problem details. */
    Response reported(DocumentResult<T> result) {
        return written(result, null);
    }

    /** A PUT's body, as the whole document at this id. */
    Checked<T> whole(String id, JsonNode tree) {
        if (!tree.isObject()) {
            return Checked.invalid("", "expected a JSON object");
        }
        ObjectNode document = (ObjectNode) tree;
        if (document.has("id") && !id.equals(document.path("id").asText())) {
            return Checked.invalid("id", "must be the id in the path, '" + id + "'");
        }
        document.put("id", id);
        return checked(graph.read(document, false, new References(Map.of(), Map.of())));
    }

    Response delete(String id, String ifMatch, String actor) {
        DocumentResult<T> result = documents.delete(new ManageDocuments.Delete(id, expectedVersion(ifMatch), actor));
        return result instanceof DocumentResult.Deleted ? Response.noContent().build() : problem(result);
    }

    /** @param status the status of a write, or null for created (201) or replaced (200) as it happened */
    private Response written(DocumentResult<T> result, Response.Status status) {
        if (result instanceof DocumentResult.Written<T> written) {
            Response.Status actual = status != null ? status
                    : written.created() ? Response.Status.CREATED : Response.Status.OK;
            return Response.status(actual).entity(body(written)).tag(tag(written.document().version().orElseThrow()))
                    .build();
        }
        return problem(result);
    }

    /** Parts Portcullis cannot enforce are said, never silently dropped. */
    private byte[] body(DocumentResult.Written<T> written) {
        return json.bytes(ProblemsJson.withWarnings(graph.write(written.document()), written.warnings()));
    }

    private static Response problem(DocumentResult<?> result) {
        if (result instanceof DocumentResult.Invalid<?> invalid) {
            return Problem.invalid(invalid.errors());
        } else if (result instanceof DocumentResult.Refused<?> refused) {
            return Problem.refused(refused.reasons());
        } else if (result instanceof DocumentResult.NotFound<?> notFound) {
            return Problem.notFound(notFound.what());
        } else if (result instanceof DocumentResult.BuiltIn<?> builtIn) {
            return Problem.of(Response.Status.FORBIDDEN, "Built-in", builtIn.detail(), List.of());
        } else if (result instanceof DocumentResult.AlreadyExists<?> exists) {
            return Problem.of(Response.Status.CONFLICT, "Already exists", exists.detail(), List.of());
        } else if (result instanceof DocumentResult.InUse<?> inUse) {
            return Problem.of(Response.Status.CONFLICT, "Still in use", inUse.detail(), List.of());
        } else if (result instanceof DocumentResult.Busy<?> busy) {
            return Problem.of(Response.Status.CONFLICT, "Busy", busy.detail(), List.of());
        } else if (result instanceof DocumentResult.VersionRequired<?>) {
            return Problem.ifMatchRequired();
        } else if (result instanceof DocumentResult.Stale<?> stale) {
            return Problem.stale(stale.currentVersion());
        }
        throw new IllegalStateException("no HTTP answer for " + result);
    }

    private static <T> Checked<T> checked(Parsed<T> parsed) {
        return parsed.ok() ? Checked.valid(parsed.value(), parsed.warnings()) : Checked.invalid(parsed.errors());
    }

    private static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an If-Match names; empty when it names none. */
    static Optional<Long> expectedVersion(String ifMatch) {
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
