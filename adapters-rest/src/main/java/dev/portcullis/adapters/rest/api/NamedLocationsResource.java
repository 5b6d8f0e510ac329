package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.port.in.ManageNamedLocations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /v1.0/identity/conditionalAccess/namedLocations}: IP ranges and countries. A location a
 * policy still refers to cannot be deleted, so the stored policies always make a valid snapshot.
 */
@Path("/v1.0/identity/conditionalAccess/namedLocations")
@Produces(MediaType.APPLICATION_JSON)
public class NamedLocationsResource extends GraphDocumentResource<NamedLocation> {

    @Inject
    public NamedLocationsResource(ManageNamedLocations documents) {
        super(new DocumentEndpoint<>(documents, GraphDocument.namedLocations()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response create(byte[] body, @Context UriInfo uri,
            @Context SecurityContext caller) {
        return endpoint.create(body, true, false, uri, caller.getUserPrincipal().getName());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, byte[] body,
            @Context SecurityContext caller) {
        return endpoint.patch(id, ifMatch, body, true, false, caller.getUserPrincipal().getName());
    }
}
