package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageAlerts;
import dev.portcullis.graphjson.AlertCodec;
import dev.portcullis.graphjson.JsonText;
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
import java.util.List;

/**
 * {@code /v1.0/security/portcullisAlerts}: high-risk sign-ins that were blocked, newest first, and
 * their acknowledgement by the security team.
 */
@Path("/v1.0/security/portcullisAlerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    private final JsonText json = JsonText.shared();
    private final AlertCodec alertCodec = AlertCodec.instance();
    private final ManageAlerts alerts;

    @Inject
    public AlertsResource(ManageAlerts alerts) {
        this.alerts = alerts;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var value = body.putArray("value");
        alerts.list().forEach(a -> value.add(alertCodec.write(a)));
        return Response.ok(json.bytes(body)).build();
    }

    /** Acknowledges an alert: who looked at it, when, and what they concluded. Body: {@code {"comment": "..."}}. */
    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @RequiresMfa
    public Response acknowledge(@PathParam("id") String id, byte[] body, @Context SecurityContext caller) {
        DocumentResult<HighRiskAlert> result = alerts.acknowledge(new ManageAlerts.Acknowledge(id, comment(body),
                caller.getUserPrincipal().getName()));
        if (result instanceof DocumentResult.Written<HighRiskAlert> written) {
            return Response.ok(json.bytes(alertCodec.write(written.document().value()))).build();
        } else if (result instanceof DocumentResult.NotFound<HighRiskAlert> notFound) {
            return Problem.notFound(notFound.what());
        } else if (result instanceof DocumentResult.Invalid<HighRiskAlert> invalid) {
            return Problem.invalid(invalid.errors());
        }
        return Problem.stale(((DocumentResult.Stale<HighRiskAlert>) result).currentVersion());
    }

    private Checked<String> comment(byte[] body) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Checked.invalid(tree.errors());
        }
        JsonNode comment = tree.value().path("comment");
        if (!comment.isMissingNode() && !comment.isTextual()) {
            return Checked.invalid("comment", "expected a string");
        }
        return Checked.valid(comment.asText(""), List.of());
    }
}
