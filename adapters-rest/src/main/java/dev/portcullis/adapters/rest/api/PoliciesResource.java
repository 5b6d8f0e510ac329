package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.safety.LockoutGuard;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    public PoliciesResource(LoadDocumentsPort load, SaveDocumentPort save, AuditLogPort audit,
            ControlPlaneMetrics metrics, SnapshotChanges changes, DirectoryPort directory) {
        GraphJson json = new GraphJson();
        PolicyDocuments documents = new PolicyDocuments(json, load);
        this.endpoint = new DocumentEndpoint<>(json, load, save, audit, metrics, changes, new DocumentEndpoint.Kind<>() {
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

            @Override
            public List<String> refusals(Optional<ConditionalAccessPolicy> before, ConditionalAccessPolicy after,
                    String actor) {
                return lockoutGuard(documents, directory, after, actor);
            }
        });
    }

    /**
     * The change as the directory's administrators would meet it: the stored policies before, and
     * with this one written, from a trusted location with their own registered methods.
     */
    private static List<String> lockoutGuard(PolicyDocuments documents, DirectoryPort directory,
            ConditionalAccessPolicy after, String actor) {
        if (!directory.connected()) {
            return List.of();
        }
        PolicySet before = documents.snapshot().policySet();
        List<LockoutGuard.Administrator> administrators;
        String caller;
        try {
            administrators = directory.administrators().stream()
                    .map(u -> new LockoutGuard.Administrator(u.identity(), u.registration(), u.breakGlass())).toList();
            caller = directory.findUser(actor).map(u -> u.identity().id()).orElse(actor);
        } catch (DirectoryUnavailableException e) {
            // Fail secure: a change nobody could check for lockouts is refused (unless forced).
            return List.of(e.getMessage() + ": cannot check that administrators keep access");
        }
        return LockoutGuard.check(before, before.withPolicy(after), administrators, caller, Instant.now());
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
        return endpoint.delete(id, ifMatch, unused -> List.of(), caller.getUserPrincipal().getName());
    }
}
