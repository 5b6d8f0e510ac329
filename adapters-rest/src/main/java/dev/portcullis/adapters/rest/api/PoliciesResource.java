package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.ReadMode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.List;

/**
 * {@code /v1.0/identity/conditionalAccess/policies}, as Microsoft Graph writes it. A policy is
 * validated against the named locations and strengths stored with it; {@code ?strict=true} refuses
 * the parts Portcullis cannot enforce instead of warning about them.
 */
@Path("/v1.0/identity/conditionalAccess/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PoliciesResource {

    private final DocumentEndpoint<ConditionalAccessPolicy> endpoint;

    @Inject
    public PoliciesResource(LoadDocumentsPort load, SaveDocumentPort save, AuditLogPort audit) {
        GraphJson json = new GraphJson();
        PolicyDocuments documents = new PolicyDocuments(json, load);
        this.endpoint = new DocumentEndpoint<>(json, load, save, audit, new DocumentEndpoint.Kind<>() {
            @Override
            public DocumentKind kind() {
                return DocumentKind.POLICY;
            }

            @Override
            public String noun() {
                return "policy";
            }

            @Override
            public String odataContext() {
                return "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies";
            }

            @Override
            public Parsed<ConditionalAccessPolicy> read(JsonNode tree, boolean strict) {
                return json.readPolicy(tree, strict ? ReadMode.STRICT : ReadMode.LENIENT, documents.namedLocations(),
                        documents.strengths());
            }

            @Override
            public String id(ConditionalAccessPolicy value) {
                return value.id();
            }

            @Override
            public String displayName(ConditionalAccessPolicy value) {
                return value.displayName();
            }

            @Override
            public ConditionalAccessPolicy withId(ConditionalAccessPolicy value, String id) {
                return value.withId(id);
            }

            @Override
            public ObjectNode write(ConditionalAccessPolicy value) {
                return json.writePolicy(value);
            }
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response list() {
        return endpoint.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.READER})
    public Response get(@PathParam("id") String id) {
        return endpoint.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(byte[] body, @QueryParam("strict") boolean strict, @Context UriInfo uri,
            @Context SecurityContext caller) {
        return endpoint.create(body, strict, uri, caller.getUserPrincipal().getName());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Roles.ADMIN)
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, byte[] body,
            @QueryParam("strict") boolean strict, @Context SecurityContext caller) {
        return endpoint.patch(id, ifMatch, body, strict, caller.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext caller) {
        return endpoint.delete(id, ifMatch, unused -> List.of(), caller.getUserPrincipal().getName());
    }
}
