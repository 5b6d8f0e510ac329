package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.GraphJson;
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

    private static final int PAGE = 1000;

    private final GraphJson json = new GraphJson();
    private final LoadDocumentsPort load;
    private final SignInLogPort log;

    @Inject
    public ReportOnlyImpactResource(LoadDocumentsPort load, SignInLogPort log) {
        this.load = load;
        this.log = log;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response impact(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Optional<StoredDocument> policy = load.load(DocumentKind.POLICY, id);
        if (policy.isEmpty()) {
            return Problem.notFound("policy '" + id + "'");
        }
        List<ValidationProblem> problems = new ArrayList<>();
        Instant end = QueryParameters.instant("to", to, problems).orElse(Instant.now());
        Instant start = QueryParameters.instant("from", from, problems).orElse(end.minus(Duration.ofDays(7)));
        if (problems.isEmpty() && start.isAfter(end)) {
            problems.add(new ValidationProblem("from", "must not be after 'to'"));
        }
        if (!problems.isEmpty()) {
            return Problem.invalid(problems);
        }
        List<SignInRecord> records = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            List<SignInRecord> page = log.query(new SignInLogPort.Query(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(id), Optional.of(start), Optional.of(end), skip, PAGE));
            records.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        ReportOnlyImpact impact = ReportOnlyImpact.of(id, records);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("policyId", id);
        body.put("displayName", policy.get().displayName());
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
