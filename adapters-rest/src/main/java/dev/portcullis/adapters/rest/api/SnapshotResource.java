package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.GraphJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The versioned snapshot Keycloak nodes pull. Its ETag is the snapshot version, so a node that is
 * up to date gets a 304 without the policies being read at all.
 */
@Path("/v1.0/identity/conditionalAccess/snapshot")
public class SnapshotResource {

    private final GraphJson json = new GraphJson();
    private final LoadDocumentsPort load;
    private final PublishedSnapshot published;

    @Inject
    public SnapshotResource(LoadDocumentsPort load, PublishedSnapshot published) {
        this.load = load;
        this.published = published;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.NODE, Roles.ADMIN, Roles.READER})
    public Response snapshot(@HeaderParam("If-None-Match") String ifNoneMatch) {
        String current = "\"" + load.snapshotVersion() + "\"";
        if (current.equals(ifNoneMatch)) {
            return Response.notModified(new EntityTag(current.replace("\"", ""))).build();
        }
        PolicySnapshot snapshot = published.current().snapshot();
        return Response.ok(json.writeSnapshot(snapshot)).tag(new EntityTag(Long.toString(snapshot.version()))).build();
    }
}
