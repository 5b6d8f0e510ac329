package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code /v1.0/identityProtection/riskyUsers}, as Graph has it: user risk with its reasons, an
 * administrator confirming users compromised (high user risk at once) or dismissing their risk.
 * Repeated high-risk sign-ins raise it by themselves; a password change remediates it. Nodes
 * enforce it from the next snapshot.
 */
@Path("/v1.0/identityProtection/riskyUsers")
@Produces(MediaType.APPLICATION_JSON)
public class RiskyUsersResource {

    private final GraphJson json = new GraphJson();
    private final RiskyUsers users;
    private final AuditLogPort audit;

    @Inject
    public RiskyUsersResource(LoadDocumentsPort load, SaveDocumentPort save, AuditLogPort audit) {
        this.users = new RiskyUsers(json, load, save);
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response list() {
        Instant now = Instant.now();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#identityProtection/riskyUsers");
        var value = body.putArray("value");
        users.all().forEach(u -> value.add(users.write(u, now)));
        return Response.ok(json.bytes(body)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response get(@PathParam("id") String id) {
        Optional<RiskyUser> user = users.find(id);
        if (user.isEmpty()) {
            return Problem.notFound("risky user '" + id + "'");
        }
        return Response.ok(json.bytes(users.write(user.get(), Instant.now()))).build();
    }

    /**
     * Body {@code {"userIds": [...]}}: each user's risk becomes high until their password changes.
     * Automation may confirm (a SOAR playbook reacting to an incident) because confirming only ever
     * asks for more; dismissing lowers the bar, so only an administrator may do that.
     */
    @POST
    @Path("confirmCompromised")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response confirmCompromised(byte[] body, @Context SecurityContext caller) {
        String by = caller.getUserPrincipal().getName();
        return forEachUser(body, by, "confirm compromised", true,
                at -> u -> u.with(new UserRiskEvent.ConfirmedCompromised(at, by)));
    }

    /** Body {@code {"userIds": [...]}}: the administrator judged the risk false; what came before no longer counts. */
    @POST
    @Path("dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @RequiresMfa
    public Response dismiss(byte[] body, @Context SecurityContext caller) {
        String by = caller.getUserPrincipal().getName();
        return forEachUser(body, by, "dismiss risk of", false, at -> u -> u.remediated(at, "dismissed by " + by));
    }

    private Response forEachUser(byte[] body, String actor, String activity, boolean create,
            Function<Instant, UnaryOperator<RiskyUser>> change) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        JsonNode ids = tree.value().path("userIds");
        List<ValidationProblem> problems = new ArrayList<>();
        if (!ids.isArray() || ids.isEmpty()) {
            problems.add(new ValidationProblem("userIds", "required: a non-empty list of user ids"));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).isTextual() || ids.get(i).asText().isBlank()) {
                    problems.add(new ValidationProblem("userIds[" + i + "]", "expected a user id"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return Problem.invalid(problems);
        }
        Instant now = Instant.now();
        for (JsonNode id : ids) {
            String userId = id.asText();
            Optional<String> before = users.find(userId).map(u -> text(u, now));
            if (users.change(userId, create, change.apply(now))) {
                audit.append(new AuditLogPort.Entry(UUID.randomUUID().toString(), now, actor, activity + " user",
                        DocumentKind.RISKY_USER, userId, before, users.find(userId).map(u -> text(u, now))));
            }
        }
        return Response.noContent().build();
    }

    private String text(RiskyUser user, Instant now) {
        return new String(json.bytes(users.write(user, now)), StandardCharsets.UTF_8);
    }
}
