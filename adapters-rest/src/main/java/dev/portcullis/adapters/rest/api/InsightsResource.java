package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.signinlog.PolicyInsight;
import dev.portcullis.graphjson.JsonText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /v1.0/identity/conditionalAccess/insights?from=&to=}: every policy's results over the
 * sign-ins of a time range (default: the last 7 days), as Entra's Conditional Access insights
 * workbook sums them: success, failure, user action required, not applied; report-only results
 * count with enforced ones, and each row says the policy's state now.
 */
@Path("/v1.0/identity/conditionalAccess/insights")
@Produces(MediaType.APPLICATION_JSON)
public class InsightsResource {

    private final JsonText json = JsonText.shared();
    private final ReadLogs logs;
    private final Clock clock;

    @Inject
    public InsightsResource(ReadLogs logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response insights(@QueryParam("from") String from, @QueryParam("to") String to) {
        Checked<ReadLogs.Period> period = QueryParameters.period(from, to, clock);
        Checked<List<PolicyInsight>> answer = logs.insights(period);
        if (!answer.ok()) {
            return Problem.invalid(answer.errors());
        }
        ReadLogs.Period read = period.value().orElseThrow();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("from", read.from().toString());
        body.put("to", read.to().toString());
        var value = body.putArray("value");
        for (PolicyInsight row : answer.value().orElseThrow()) {
            value.addObject().put("policyId", row.policyId()).put("displayName", row.displayName())
                    .put("state", row.state().graphName()).put("signIns", row.signIns()).put("success", row.success())
                    .put("failure", row.failure()).put("userActionRequired", row.userActionRequired())
                    .put("notApplied", row.notApplied());
        }
        return Response.ok(json.bytes(body)).build();
    }
}
