package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.NotifyAffectedUsers;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.signinlog.DailyImpact;
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
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1.0/identity/conditionalAccess/policies/{id}/reportOnlyImpact?from=&to=}: what a
 * policy would have done over a time range (default: the last 7 days), from the sign-in log the
 * nodes shipped, and the users it would have prompted or blocked (distinct, most recent first, at
 * most {@code usersTop}, 25 by default; {@code affectedUsers.total} counts them all). Read it before
 * switching a report-only policy on. {@code days} splits the counts by UTC day, oldest first, only
 * the days on which the policy was evaluated.
 */
@Path("/v1.0/identity/conditionalAccess/policies/{id}/reportOnlyImpact")
@Produces(MediaType.APPLICATION_JSON)
public class ReportOnlyImpactResource {

    /** Each named user is a directory read (several Admin API calls in Keycloak): a page, not all of them. */
    private static final int USERS_LISTED_BY_DEFAULT = 25;

    private final JsonText json = JsonText.shared();
    private final ReadLogs logs;
    private final NotifyAffectedUsers affected;
    private final Clock clock;

    @Inject
    public ReportOnlyImpactResource(ReadLogs logs, NotifyAffectedUsers affected, Clock clock) {
        this.logs = logs;
        this.affected = affected;
        this.clock = clock;
    }

    /** @param usersTop how many of the affected users to name (most recent first), 1..100, 25 by default */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response impact(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("usersTop") String usersTop) {
        Checked<ReadLogs.Period> period = QueryParameters.period(from, to, clock);
        int top = USERS_LISTED_BY_DEFAULT;
        if (usersTop != null) {
            try {
                top = Integer.parseInt(usersTop);
            } catch (NumberFormatException e) {
                top = 0;
            }
            if (top < 1 || top > NotifyAffectedUsers.MAX_LISTED) {
                return Problem.invalid(List.of(new ValidationProblem("usersTop",
                        "expected a whole number from 1 to " + NotifyAffectedUsers.MAX_LISTED)));
            }
        }
        Optional<Checked<ReadLogs.Impact>> answer = logs.impact(id, period);
        if (answer.isEmpty()) {
            return Problem.notFound("policy '" + id + "'");
        }
        if (!answer.get().ok()) {
            return Problem.invalid(answer.get().errors());
        }
        ReadLogs.Period read = period.value().orElseThrow();
        ReadLogs.Impact found = answer.get().value().orElseThrow();
        ReportOnlyImpact impact = found.impact();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("policyId", id);
        body.put("displayName", found.displayName());
        body.put("from", read.from().toString());
        body.put("to", read.to().toString());
        body.put("signIns", impact.signIns());
        body.put("wouldBlock", impact.wouldBlock());
        body.put("wouldPrompt", impact.wouldPrompt());
        body.put("wouldPass", impact.wouldPass());
        body.put("notApplied", impact.notApplied());
        body.put("enforced", impact.enforced());
        var days = body.putArray("days");
        for (DailyImpact day : found.days()) {
            ReportOnlyImpact counted = day.impact();
            days.addObject().put("date", day.day().toString()).put("signIns", counted.signIns())
                    .put("wouldBlock", counted.wouldBlock()).put("wouldPrompt", counted.wouldPrompt())
                    .put("wouldPass", counted.wouldPass()).put("notApplied", counted.notApplied())
                    .put("enforced", counted.enforced());
        }
        // Deleted between the two reads: the counts stand, with nobody named.
        affected.affectedUsers(id, period, top).flatMap(Checked::value)
                .ifPresent(listing -> body.set("affectedUsers", AffectedUsersJson.listing(listing)));
        return Response.ok(json.bytes(body)).build();
    }
}
