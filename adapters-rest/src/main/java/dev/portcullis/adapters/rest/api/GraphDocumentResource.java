package dev.portcullis.adapters.rest.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * What the three Graph document collections (policies, named locations, authentication strengths)
 * serve alike: list, get and delete, with the same roles. Creating and patching differ in the query
 * options each collection takes, so each resource declares those itself.
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

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext caller) {
        return endpoint.delete(id, ifMatch, caller.getUserPrincipal().getName());
    }
}
