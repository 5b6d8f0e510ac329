package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DirectoryIds;
import dev.portcullis.core.port.in.LookUpDirectory;
import dev.portcullis.core.port.out.DirectoryPort.Entry;
import dev.portcullis.core.port.out.DirectoryPort.Kind;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * The directory as pickers read it, Graph's way and read-only: {@code /v1.0/users}, {@code /v1.0/groups},
 * {@code /v1.0/directoryRoles} and {@code /v1.0/applications}, each with {@code $search} (a name contains
 * it) and {@code $top}. Each entry's {@code id} is what a policy names it by; the third property tells two
 * of one name apart: a user's {@code userPrincipalName} (username), a group's {@code path}, a role's
 * {@code description}, an application's {@code appId} (client id). With Graph's {@code $filter=id in ('a','b')}
 * (at most {@value DirectoryIds#MAX_IDS} ids) each names those a policy holds: the entries the directory knows.
 */
public final class DirectoryResources {

    private static final JsonText JSON = JsonText.shared();

    private DirectoryResources() {}

    /** One collection of the directory: its entries, or the parameter that is wrong, or 503 when the directory is not read. */
    public abstract static class Collection {
        private final LookUpDirectory lookUp;
        private final Kind kind;
        private final String name;
        private final String detail;

        Collection(LookUpDirectory lookUp, Kind kind, String name, String detail) {
            this.lookUp = lookUp;
            this.kind = kind;
            this.name = name;
            this.detail = detail;
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON) // on the method: a subclass's class-level @Produces would not reach it
        @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION, Roles.READER})
        public Response list(@QueryParam("$search") String search, @QueryParam("$top") String top,
                @QueryParam("$filter") String filter) {
            if (filter != null) {
                return byIds(filter, search);
            }
            Checked<LookUpDirectory.Search> asked = LookUpDirectory.Search.of(kind, search, top);
            if (!asked.ok()) {
                return Problem.invalid(asked.errors());
            }
            return answer(() -> lookUp.find(asked.value().orElseThrow()), "type ids instead");
        }

        /** Those a policy names, by id: the ones the directory knows; an id left out of the answer is unknown to it. */
        private Response byIds(String filter, String search) {
            if (search != null) {
                return Problem.invalid(List.of(new ValidationProblem("$search", "not with $filter: one or the other")));
            }
            Checked<DirectoryIds> asked = DirectoryIds.of(kind, filter);
            if (!asked.ok()) {
                return Problem.invalid(asked.errors());
            }
            return answer(() -> lookUp.resolve(asked.value().orElseThrow()), "show the ids as they are");
        }

        private Response answer(Supplier<List<Entry>> entries, String meanwhile) {
            try {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#" + name);
                var value = body.putArray("value");
                for (Entry entry : entries.get()) {
                    value.addObject().put("id", entry.id()).put("displayName", entry.displayName()).put(detail, entry.detail());
                }
                return Response.ok(JSON.bytes(body)).build();
            } catch (DirectoryUnavailableException e) {
                return Problem.directoryUnavailable(e.getMessage() + "; nothing could be looked up: " + meanwhile);
            }
        }
    }

    @Path("/v1.0/users")
    public static class Users extends Collection {
        @Inject
        public Users(LookUpDirectory lookUp) {
            super(lookUp, Kind.USERS, "users", "userPrincipalName");
        }
    }

    @Path("/v1.0/groups")
    public static class Groups extends Collection {
        @Inject
        public Groups(LookUpDirectory lookUp) {
            super(lookUp, Kind.GROUPS, "groups", "path");
        }
    }

    @Path("/v1.0/directoryRoles")
    public static class DirectoryRoles extends Collection {
        @Inject
        public DirectoryRoles(LookUpDirectory lookUp) {
            super(lookUp, Kind.ROLES, "directoryRoles", "description");
        }
    }

    @Path("/v1.0/applications")
    public static class Applications extends Collection {
        @Inject
        public Applications(LookUpDirectory lookUp) {
            super(lookUp, Kind.APPLICATIONS, "applications", "appId");
        }
    }
}
