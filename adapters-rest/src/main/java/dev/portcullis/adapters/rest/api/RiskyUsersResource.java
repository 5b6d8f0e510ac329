package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.ManageRiskyUsers;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.RiskyUserCodec;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code /v1.0/identityProtection/riskyUsers}, as Graph has it: user risk with its reasons, an
 * administrator confirming users compromised (high user risk at once) or dismissing their risk.
 * Repeated high-risk sign-ins raise it by themselves; a password change remediates it. Nodes
 * enforce it from the next snapshot.
 */
@Path("/v1.0/identityProtection/riskyUsers")
@Produces(MediaType.APPLICATION_JSON)
public class RiskyUsersResource {

    private final JsonText json = JsonText.shared();
    private final RiskyUserCodec riskyUsers = RiskyUserCodec.instance();
    private final ManageRiskyUsers users;

    @Inject
    public RiskyUsersResource(ManageRiskyUsers users) {
        this.users = users;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#identityProtection/riskyUsers");
        var value = body.putArray("value");
        users.list().forEach(u -> value.add(write(u)));
        return Response.ok(json.bytes(body)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response get(@PathParam("id") String id) {
        Optional<ManageRiskyUsers.Assessed> user = users.get(id);
        if (user.isEmpty()) {
            return Problem.notFound("risky user '" + id + "'");
        }
        return Response.ok(json.bytes(write(user.get()))).build();
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
        return forEachUser(body, caller, users::confirmCompromised);
    }

    /** Body {@code {"userIds": [...]}}: the administrator judged the risk false; what came before no longer counts. */
    @POST
    @Path("dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @RequiresMfa
    public Response dismiss(byte[] body, @Context SecurityContext caller) {
        return forEachUser(body, caller, users::dismiss);
    }

    private Response forEachUser(byte[] body, SecurityContext caller, Consumer<ManageRiskyUsers.Verdict> verdict) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        JsonNode ids = tree.value().path("userIds");
        List<ValidationProblem> problems = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        if (!ids.isArray() || ids.isEmpty()) {
            problems.add(new ValidationProblem("userIds", "required: a non-empty list of user ids"));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).isTextual() || ids.get(i).asText().isBlank()) {
                    problems.add(new ValidationProblem("userIds[" + i + "]", "expected a user id"));
                }
                userIds.add(ids.get(i).asText());
            }
        }
        if (!problems.isEmpty()) {
            return Problem.invalid(problems);
        }
        verdict.accept(new ManageRiskyUsers.Verdict(userIds, caller.getUserPrincipal().getName()));
        return Response.noContent().build();
    }

    private ObjectNode write(ManageRiskyUsers.Assessed user) {
        return riskyUsers.write(user.user(), user.assessment(), user.riskState());
    }
}
