package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.IngestSignIns;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.SignInRecordCodec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1.0/auditLogs/signIns}: Keycloak nodes post what they decided (a JSON array of Graph-shaped
 * sign-in records); administrators and readers query it newest first, filtered and paged.
 */
@Path("/v1.0/auditLogs/signIns")
@Produces(MediaType.APPLICATION_JSON)
public class SignInsResource {

    private final JsonText json = JsonText.shared();
    private final SignInRecordCodec signIns = SignInRecordCodec.instance();
    private final ReadLogs logs;
    private final IngestSignIns ingest;
    private final ControlPlaneMetrics metrics;

    @Inject
    public SignInsResource(ReadLogs logs, IngestSignIns ingest, ControlPlaneMetrics metrics) {
        this.logs = logs;
        this.ingest = ingest;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NODE)
    public Response ingest(byte[] body) {
        Parsed<List<SignInRecord>> records = signIns.readAll(body);
        if (!records.ok()) {
            return Problem.invalid(records.errors());
        }
        IngestSignIns.Ingested ingested = ingest.ingest(records.value());
        records.value().forEach(r -> metrics.decision("signIn", r.decision()));
        for (int i = 0; i < ingested.alertsRaised(); i++) {
            metrics.alertRaised();
        }
        return Response.accepted().build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response query(@QueryParam("userId") String userId, @QueryParam("appId") String appId,
            @QueryParam("decision") String decision, @QueryParam("policyId") String policyId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("id") String requestId,
            @QueryParam("correlationId") String correlationId,
            @QueryParam("$skip") @DefaultValue("0") int skip, @QueryParam("$top") @DefaultValue("50") int top) {
        List<ValidationProblem> problems = new ArrayList<>();
        Optional<Instant> fromInstant = QueryParameters.instant("from", from, problems);
        Optional<Instant> toInstant = QueryParameters.instant("to", to, problems);
        if (top < 1 || top > 1000) {
            problems.add(new ValidationProblem("$top", "between 1 and 1000"));
        }
        if (skip < 0) {
            problems.add(new ValidationProblem("$skip", "not negative"));
        }
        if (!problems.isEmpty()) {
            return Problem.invalid(problems);
        }
        List<SignInRecord> page = logs.signIns(new SignInLogPort.Query(Optional.ofNullable(userId), Optional.ofNullable(appId),
                Optional.ofNullable(decision), Optional.ofNullable(policyId), fromInstant, toInstant,
                Optional.ofNullable(requestId), Optional.ofNullable(correlationId), skip, top));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns");
        var value = body.putArray("value");
        page.forEach(r -> value.add(signIns.write(r)));
        return Response.ok(json.bytes(body)).build();
    }
}
