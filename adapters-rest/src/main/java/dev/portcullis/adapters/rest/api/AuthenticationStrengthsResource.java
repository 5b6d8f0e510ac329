package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.port.in.ManageAuthenticationStrengths;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
 * {@code /v1.0/identity/conditionalAccess/authenticationStrength/policies}: Graph's three built-in
 * strengths (read-only) and custom ones. A combination Keycloak cannot perform is a warning, or in
 * strict mode an error; a strength a policy still requires cannot be deleted.
 */
@Path("/v1.0/identity/conditionalAccess/authenticationStrength/policies")
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationStrengthsResource extends GraphDocumentResource<AuthenticationStrength> {

    @Inject
    public AuthenticationStrengthsResource(ManageAuthenticationStrengths documents) {
        super(new DocumentEndpoint<>(documents, GraphDocument.strengths()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response create(byte[] body, @QueryParam("strict") boolean strict, @Context UriInfo uri,
            @Context SecurityContext caller) {
        return endpoint.create(body, strict, false, uri, caller.getUserPrincipal().getName());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, byte[] body,
            @QueryParam("strict") boolean strict, @Context SecurityContext caller) {
        return endpoint.patch(id, ifMatch, body, strict, false, caller.getUserPrincipal().getName());
    }
}
