package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.graphjson.JsonText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /v1.0/auditLogs/directoryAudits}: every change, newest first, shaped like Graph's directoryAudit. */
@Path("/v1.0/auditLogs/directoryAudits")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogsResource {

    private final JsonText json = JsonText.shared();
    private final ReadLogs logs;

    @Inject
    public AuditLogsResource(ReadLogs logs) {
        this.logs = logs;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response list(@QueryParam("$skip") @DefaultValue("0") int skip, @QueryParam("$top") @DefaultValue("50") int top) {
        if (top < 1 || top > 1000 || skip < 0) {
            return Problem.invalid(List.of(new dev.portcullis.core.validation.ValidationProblem(
                    top < 1 || top > 1000 ? "$top" : "$skip", "$top must be 1..1000 and $skip not negative")));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var value = body.putArray("value");
        for (AuditLogPort.Kept entry : logs.audit(skip, top)) {
            ObjectNode e = value.addObject();
            e.put("id", entry.id());
            e.put("activityDateTime", entry.at().toString());
            e.put("activityDisplayName", entry.activity());
            e.put("category", "Policy");
            // An import's entries share one: its change set.
            e.put("correlationId", entry.correlationId().orElse(null));
            e.putObject("initiatedBy").putObject("user").put("userPrincipalName", entry.actor());
            ObjectNode target = e.putArray("targetResources").addObject();
            target.put("id", entry.documentId());
            target.put("type", entry.kind().name());
            ObjectNode change = target.putArray("modifiedProperties").addObject();
            change.put("displayName", "document");
            change.put("oldValue", entry.before().orElse(null));
            change.put("newValue", entry.after().orElse(null));
        }
        return Response.ok(json.bytes(body)).build();
    }
}
