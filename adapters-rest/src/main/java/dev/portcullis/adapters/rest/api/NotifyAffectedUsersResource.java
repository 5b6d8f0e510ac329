package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.NotifyAffectedUsers;
import dev.portcullis.core.port.in.NotifyAffectedUsers.Outcome;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1.0/identity/conditionalAccess/policies/{id}/notifyAffectedUsers}: tells the users a
 * report-only policy would have prompted, by e-mail through the Keycloak realm's SMTP server, that MFA
 * is coming and where to register an authenticator. Body (all optional): {@code dryRun} (say who would
 * be told, send nothing), {@code enforcementDate} (the day the notice names; default in 7 days),
 * {@code from} and {@code to} (the sign-ins to read; default the last 7 days). Sends at once and answers
 * 200 with the counts.
 */
@Path("/v1.0/identity/conditionalAccess/policies/{id}/notifyAffectedUsers")
@Produces(MediaType.APPLICATION_JSON)
public class NotifyAffectedUsersResource {

    private static final Set<String> FIELDS = Set.of("dryRun", "enforcementDate", "from", "to");

    private final JsonText json = JsonText.shared();
    private final NotifyAffectedUsers notices;
    private final Clock clock;

    @Inject
    public NotifyAffectedUsersResource(NotifyAffectedUsers notices, Clock clock) {
        this.notices = notices;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response notifyAffectedUsers(@PathParam("id") String id, byte[] body, @Context SecurityContext caller) {
        Outcome outcome = notices.notify(new NotifyAffectedUsers.Command(id, request(body),
                caller.getUserPrincipal().getName()));
        if (outcome instanceof Outcome.Done done) {
            return Response.ok(json.bytes(report(id, done.report()))).build();
        } else if (outcome instanceof Outcome.NotFound notFound) {
            return Problem.notFound(notFound.what());
        } else if (outcome instanceof Outcome.Invalid invalid) {
            return Problem.invalid(invalid.errors());
        } else if (outcome instanceof Outcome.NoMailServer none) {
            return Problem.of(Response.Status.CONFLICT, "No mail server", none.detail(), List.of());
        }
        return Problem.directoryUnavailable(((Outcome.DirectoryDown) outcome).detail());
    }

    private static ObjectNode report(String id, NotifyAffectedUsers.Report report) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("policyId", id);
        node.put("dryRun", report.dryRun());
        node.put("prompted", report.prompted());
        node.put(report.dryRun() ? "wouldSend" : "sent", report.dryRun() ? report.told().size() : report.sent());
        node.put("skippedNoEmail", report.skippedNoEmail());
        node.put("failed", report.failed());
        node.put("notReached", report.notReached());
        AffectedUsersJson.users(node.putArray("recipients"), report.told());
        return node;
    }

    /** The body as sent: every problem named by its field. */
    private Checked<NotifyAffectedUsers.Request> request(byte[] body) {
        JsonNode tree = JsonNodeFactory.instance.objectNode();
        if (body != null && body.length > 0) {
            Parsed<JsonNode> parsed = json.parse(body);
            if (!parsed.ok()) {
                return Checked.invalid(parsed.errors());
            }
            tree = parsed.value();
        }
        if (!tree.isObject()) {
            return Checked.invalid("", "expected an object such as {\"dryRun\": true}");
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new ValidationProblem(name, "unknown field: expected one of " + FIELDS));
            }
        }
        JsonNode dryRun = tree.path("dryRun");
        if (!dryRun.isMissingNode() && !dryRun.isBoolean()) {
            problems.add(new ValidationProblem("dryRun", "expected true or false"));
        }
        LocalDate enforcement = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(7);
        JsonNode date = tree.path("enforcementDate");
        if (!date.isMissingNode()) {
            try {
                enforcement = LocalDate.parse(date.isTextual() ? date.asText() : "");
            } catch (DateTimeParseException e) {
                problems.add(new ValidationProblem("enforcementDate", "expected a date such as 2026-12-14"));
            }
        }
        Checked<ReadLogs.Period> period = QueryParameters.period(text(tree, "from", problems), text(tree, "to", problems),
                clock);
        problems.addAll(period.errors());
        if (!problems.isEmpty()) {
            return Checked.invalid(problems);
        }
        return Checked.valid(new NotifyAffectedUsers.Request(period.value().orElseThrow(), enforcement,
                dryRun.asBoolean(false)), List.of());
    }

    private static String text(JsonNode tree, String field, List<ValidationProblem> problems) {
        JsonNode value = tree.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new ValidationProblem(field, "expected an ISO-8601 instant such as 2026-11-24T08:00:00Z"));
            return null;
        }
        return value.asText();
    }
}
