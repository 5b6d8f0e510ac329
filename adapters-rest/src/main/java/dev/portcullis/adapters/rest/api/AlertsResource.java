package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.Parsed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1.0/security/portcullisAlerts}: high-risk sign-ins that were blocked, newest first, and
 * their acknowledgement by the security team.
 */
@Path("/v1.0/security/portcullisAlerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    private final GraphJson json = new GraphJson();
    private final LoadDocumentsPort load;
    private final SaveDocumentPort save;

    @Inject
    public AlertsResource(LoadDocumentsPort load, SaveDocumentPort save) {
        this.load = load;
        this.save = save;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var value = body.putArray("value");
        load.loadAll(DocumentKind.ALERT).stream().map(this::alert)
                .sorted(Comparator.comparing(HighRiskAlert::raisedAt).reversed())
                .forEach(a -> value.add(json.writeAlertTree(a)));
        return Response.ok(json.bytes(body)).build();
    }

    /** Acknowledges an alert: who looked at it, when, and what they concluded. */
    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @RequiresMfa
    public Response acknowledge(@PathParam("id") String id, byte[] body, @Context SecurityContext caller) {
        Optional<StoredDocument> stored = load.load(DocumentKind.ALERT, id);
        if (stored.isEmpty()) {
            return Problem.notFound("alert '" + id + "'");
        }
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        JsonNode comment = tree.value().path("comment");
        if (!comment.isMissingNode() && !comment.isTextual()) {
            return Problem.invalid(List.of(new ValidationProblem("comment", "expected a string")));
        }
        HighRiskAlert acknowledged = alert(stored.get()).acknowledged(caller.getUserPrincipal().getName(), Instant.now(),
                comment.asText(""));
        SaveResult result = save.replace(DocumentKind.ALERT, id, stored.get().version(), acknowledged.userId(),
                new String(json.bytes(json.writeAlertTree(acknowledged)), StandardCharsets.UTF_8));
        if (result instanceof SaveResult.VersionConflict conflict) {
            return Problem.stale(conflict.currentVersion());
        }
        return Response.ok(json.bytes(json.writeAlertTree(acknowledged))).build();
    }

    private HighRiskAlert alert(StoredDocument doc) {
        return json.readAlert(json.parse(doc.json().getBytes(StandardCharsets.UTF_8)).orElseThrow()).orElseThrow();
    }
}
