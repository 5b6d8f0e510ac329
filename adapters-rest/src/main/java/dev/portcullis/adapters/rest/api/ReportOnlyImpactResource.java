package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1.0/identity/conditionalAccess/policies/{id}/reportOnlyImpact?from=&to=}: what a
 * policy would have done over a time range (default: the last 7 days), from the sign-in log the
 * nodes shipped. Read it before switching a report-only policy on.
 */
@Path("/v1.0/identity/conditionalAccess/policies/{id}/reportOnlyImpact")
@Produces(MediaType.APPLICATION_JSON)
public class ReportOnlyImpactResource {

    private final JsonText json = JsonText.shared();
    private final ReadLogs logs;
    private final Clock clock;

    @Inject
    public ReportOnlyImpactResource(ReadLogs logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response impact(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        List<ValidationProblem> problems = new ArrayList<>();
        Instant end = QueryParameters.instant("to", to, problems).orElse(clock.instant());
        Instant start = QueryParameters.instant("from", from, problems).orElse(end.minus(Duration.ofDays(7)));
        if (problems.isEmpty() && start.isAfter(end)) {
            problems.add(new ValidationProblem("from", "must not be after 'to'"));
        }
        Checked<ReadLogs.Period> period = problems.isEmpty()
                ? Checked.valid(new ReadLogs.Period(start, end), List.of()) : Checked.invalid(problems);
        Optional<Checked<ReadLogs.Impact>> answer = logs.impact(id, period);
        if (answer.isEmpty()) {
            return Problem.notFound("policy '" + id + "'");
        }
        if (!answer.get().ok()) {
            return Problem.invalid(answer.get().errors());
        }
        ReadLogs.Impact found = answer.get().value().orElseThrow();
        ReportOnlyImpact impact = found.impact();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("policyId", id);
        body.put("displayName", found.displayName());
        body.put("from", start.toString());
        body.put("to", end.toString());
        body.put("signIns", impact.signIns());
        body.put("wouldBlock", impact.wouldBlock());
        body.put("wouldPrompt", impact.wouldPrompt());
        body.put("wouldPass", impact.wouldPass());
        body.put("notApplied", impact.notApplied());
        body.put("enforced", impact.enforced());
        return Response.ok(json.bytes(body)).build();
    }
}
