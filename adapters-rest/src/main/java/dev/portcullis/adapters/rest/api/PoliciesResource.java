package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.ReadMode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /v1.0/identity/conditionalAccess/policies}, as Microsoft Graph writes it. Every write is
 * validated whole (Graph JSON, references to named locations and strengths) before anything is
 * stored, and every change names the version it replaces (If-Match), so no update is ever lost.
 */
@Path("/v1.0/identity/conditionalAccess/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PoliciesResource {

    private final GraphJson json = new GraphJson();
    private final LoadDocumentsPort load;
    private final SaveDocumentPort save;
    private final PolicyDocuments documents;

    @Inject
    public PoliciesResource(LoadDocumentsPort load, SaveDocumentPort save) {
        this.load = load;
        this.save = save;
        this.documents = new PolicyDocuments(json, load);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies");
        var value = body.putArray("value");
        load.loadAll(DocumentKind.POLICY).forEach(doc -> value.add(documents.tree(doc)));
        return Response.ok(json.bytes(body)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response get(@PathParam("id") String id) {
        Optional<StoredDocument> doc = load.load(DocumentKind.POLICY, id);
        if (doc.isEmpty()) {
            return Problem.notFound("policy '" + id + "'");
        }
        return Response.ok(doc.get().json().getBytes(StandardCharsets.UTF_8)).tag(version(doc.get())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(byte[] body, @QueryParam("strict") boolean strict, @jakarta.ws.rs.core.Context UriInfo uri) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        Parsed<ConditionalAccessPolicy> policy = read(tree.value(), strict);
        if (!policy.ok()) {
            return Problem.invalid(policy.errors());
        }
        ConditionalAccessPolicy toStore = policy.value().id().isBlank()
                ? policy.value().withId(UUID.randomUUID().toString())
                : policy.value();
        SaveResult result = save.create(DocumentKind.POLICY, toStore.id(), toStore.displayName(), text(toStore));
        if (result instanceof SaveResult.AlreadyExists) {
            return Problem.of(Response.Status.CONFLICT, "Already exists", "a policy with id '" + toStore.id()
                    + "' exists: change it with PATCH, or leave the id out to get a new one", List.of());
        }
        StoredDocument stored = ((SaveResult.Saved) result).document();
        return Response.created(uri.getAbsolutePathBuilder().path(stored.id()).build())
                .entity(withWarnings(stored, policy.warnings())).tag(version(stored)).build();
    }

    /** JSON merge patch (RFC 7396) of the stored policy, validated whole, written only if If-Match is current. */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Roles.ADMIN)
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, byte[] body,
            @QueryParam("strict") boolean strict) {
        Optional<StoredDocument> current = load.load(DocumentKind.POLICY, id);
        if (current.isEmpty()) {
            return Problem.notFound("policy '" + id + "'");
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
            return Problem.invalid(List.of(new ValidationProblem("id", "the id of a policy cannot change")));
        }
        JsonNode merged = merge(documents.tree(current.get()).deepCopy(), patch.value());
        Parsed<ConditionalAccessPolicy> policy = read(merged, strict);
        if (!policy.ok()) {
            return Problem.invalid(policy.errors());
        }
        SaveResult result = save.replace(DocumentKind.POLICY, id, expected.get(), policy.value().displayName(),
                text(policy.value()));
        if (result instanceof SaveResult.VersionConflict conflict) {
            return Problem.stale(conflict.currentVersion());
        }
        if (result instanceof SaveResult.NotFound) {
            return Problem.notFound("policy '" + id + "'");
        }
        StoredDocument stored = ((SaveResult.Saved) result).document();
        return Response.ok(withWarnings(stored, policy.warnings())).tag(version(stored)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        Optional<Long> expected = expectedVersion(ifMatch);
        if (load.load(DocumentKind.POLICY, id).isEmpty()) {
            return Problem.notFound("policy '" + id + "'");
        }
        if (expected.isEmpty()) {
            return Problem.ifMatchRequired();
        }
        SaveResult result = save.delete(DocumentKind.POLICY, id, expected.get());
        if (result instanceof SaveResult.VersionConflict conflict) {
            return Problem.stale(conflict.currentVersion());
        }
        if (result instanceof SaveResult.NotFound) {
            return Problem.notFound("policy '" + id + "'");
        }
        return Response.noContent().build();
    }

    private Parsed<ConditionalAccessPolicy> read(JsonNode tree, boolean strict) {
        return json.readPolicy(tree, strict ? ReadMode.STRICT : ReadMode.LENIENT, documents.namedLocations(),
                documents.strengths());
    }

    private String text(ConditionalAccessPolicy policy) {
        return new String(json.bytes(json.writePolicy(policy)), StandardCharsets.UTF_8);
    }

    /** Parts Portcullis cannot enforce are said, never silently dropped. */
    private byte[] withWarnings(StoredDocument stored, List<ValidationProblem> warnings) {
        ObjectNode node = (ObjectNode) documents.tree(stored);
        if (!warnings.isEmpty()) {
            var list = node.putArray("@portcullis.warnings");
            warnings.forEach(w -> list.addObject().put("path", w.path()).put("message", w.message()));
        }
        return json.bytes(node);
    }

    private static jakarta.ws.rs.core.EntityTag version(StoredDocument doc) {
        return new jakarta.ws.rs.core.EntityTag(Long.toString(doc.version()));
    }

    private static Optional<Long> expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return Optional.empty();
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Optional.of(Long.parseLong(value));
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
