package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.ManagePolicies;
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
 * {@code /v1.0/identity/conditionalAccess/policies}, as Microsoft Graph writes it. A policy is
 * validated against the named locations and strengths stored with it; {@code ?strict=true} refuses
 * the parts Portcullis cannot enforce instead of warning about them.
 */
@Path("/v1.0/identity/conditionalAccess/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PoliciesResource extends GraphDocumentResource<ConditionalAccessPolicy> {

    @Inject
    public PoliciesResource(ManagePolicies documents) {
        super(new DocumentEndpoint<>(documents, GraphDocument.policies()));
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
}
