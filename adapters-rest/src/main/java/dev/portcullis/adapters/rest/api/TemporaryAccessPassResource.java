package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.AlreadyHasOne;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.Issued;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.Issuing;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.PrivilegedUser;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.TemporaryAccessPassJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /v1.0/users/{id}/authentication/temporaryAccessPassMethods}, as Graph has it: an
 * administrator issues a user a temporary access pass, shown once in the answer to the POST, lists
 * it (never the pass) and revokes it. A user is named by directory id or username. Issuing and
 * revoking are changes (a person's token must have proved MFA), each in the audit log without the pass.
 */
@Path("/v1.0/users/{id}/authentication/temporaryAccessPassMethods")
@Produces(MediaType.APPLICATION_JSON)
public class TemporaryAccessPassResource {

    private final JsonText json = JsonText.shared();
    private final TemporaryAccessPassJson passes = TemporaryAccessPassJson.instance();
    private final ManageTemporaryAccessPasses manage;
    private final Clock clock;

    @Inject
    public TemporaryAccessPassResource(ManageTemporaryAccessPasses manage, Clock clock) {
        this.manage = manage;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER, Roles.HELPDESK})
    public Response list(@PathParam("id") String user) {
        return directory(() -> manage.list(user).map(methods -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("@odata.context", TemporaryAccessPassJson.ODATA_CONTEXT.formatted(user));
            var value = body.putArray("value");
            methods.forEach(m -> value.add(passes.write(m, clock.instant())));
            return Response.ok(json.bytes(body)).build();
        }).orElseGet(() -> unknownUser(user)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @RequiresMfa
    public Response issue(@PathParam("id") String user, byte[] body, @Context SecurityContext caller) {
        Parsed<TemporaryAccessPassJson.Request> request = passes.readRequest(body);
        if (!request.ok()) {
            return Problem.invalid(request.errors());
        }
        TemporaryAccessPassJson.Request asked = request.value();
        return directory(() -> answer(user, manage.issue(new ManageTemporaryAccessPasses.Issue(user,
                asked.startDateTime(), asked.lifetimeInMinutes(), asked.isUsableOnce(),
                caller.getUserPrincipal().getName(), caller.isUserInRole(Roles.ADMIN)))));
    }

    private Response answer(String user, Issuing issuing) {
        if (issuing instanceof Issued issued) {
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true); // the pass is a credential: no cache keeps the answer
            return Response.status(Response.Status.CREATED).cacheControl(noStore)
                    .entity(json.bytes(passes.writeIssued(issued.method(), issued.temporaryAccessPass(), clock.instant())))
                    .build();
        }
        if (issuing instanceof AlreadyHasOne present) {
            return Problem.of(Response.Status.CONFLICT, "Temporary access pass exists",
                    "user '" + user + "' already has a temporary access pass (" + present.existingId() + ") that has not"
                            + " expired: a user has one at a time. Nothing was issued; revoke it (DELETE"
                            + " .../temporaryAccessPassMethods/" + present.existingId() + ") to issue another",
                    List.of(new ValidationProblem("", "one temporary access pass per user")));
        }
        if (issuing instanceof PrivilegedUser) {
            return Problem.of(Response.Status.FORBIDDEN, "Administrator's methods",
                    "user '" + user + "' is an administrator: the service desk may not issue a temporary access pass for"
                            + " an administrator (it would open an admin account). Nothing was issued; ask a Portcullis"
                            + " administrator (" + Roles.ADMIN + ")",
                    List.of(new ValidationProblem("", "an administrator's pass is issued by an administrator")));
        }
        return unknownUser(user);
    }

    @DELETE
    @Path("{methodId}")
    @RolesAllowed({Roles.ADMIN, Roles.HELPDESK})
    @RequiresMfa
    public Response revoke(@PathParam("id") String user, @PathParam("methodId") String methodId,
            @Context SecurityContext caller) {
        return directory(() -> {
            Optional<Boolean> revoked = manage.revoke(user, methodId, caller.getUserPrincipal().getName());
            if (revoked.isEmpty()) {
                return unknownUser(user);
            }
            return revoked.get() ? Response.noContent().build()
                    : Problem.notFound("temporary access pass '" + methodId + "' of user '" + user + "'");
        });
    }

    private static Response unknownUser(String user) {
        return Problem.notFound("user '" + user + "'");
    }

    /** Users are named through the directory: when it cannot be read, nothing is issued or revoked. */
    private static Response directory(Supplier<Response> call) {
        try {
            return call.get();
        } catch (DirectoryUnavailableException e) {
            return Problem.directoryUnavailable(
                    "the directory could not be read, so the user could not be found; nothing was changed");
        }
    }
}
