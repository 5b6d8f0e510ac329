package dev.portcullis.adapters.rest.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * What the three Graph document collections (policies, named locations, authentication strengths)
 * serve alike, with the same roles: list, get, create, patch and delete. {@code ?strict=true} and
 * {@code ?force=true} are taken by all three and change only what has a lenient reading or a lockout
 * guard: a named location is always read strictly, and only policies are guarded.
 */
@Produces(MediaType.APPLICATION_JSON) // a class's @Produces covers only the methods it declares
abstract class GraphDocumentResource<T> {

    final DocumentEndpoint<T> endpoint;

    GraphDocumentResource(DocumentEndpoint<T> endpoint) {
        this.endpoint = endpoint;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION, Roles.READER})
    public Response list() {
        return endpoint.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION, Roles.READER})
    public Response get(@PathParam("id") String id) {
        return endpoint.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response create(byte[] body, @QueryParam("strict") boolean strict, @QueryParam("force") boolean force,
            @Context UriInfo uri, @Context SecurityContext caller) {
        return endpoint.create(body, strict, force, uri, caller.getUserPrincipal().getName());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, byte[] body,
            @QueryParam("strict") boolean strict, @QueryParam("force") boolean force, @Context SecurityContext caller) {
        return endpoint.patch(id, ifMatch, body, strict, force, caller.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext caller) {
        return endpoint.delete(id, ifMatch, caller.getUserPrincipal().getName());
    }
}
