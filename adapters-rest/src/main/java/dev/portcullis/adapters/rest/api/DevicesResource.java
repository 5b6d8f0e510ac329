package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.port.in.ManageDevices;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /v1.0/devices}: the device inventory an MDM integration feeds (owner, platform,
 * {@code isCompliant}, {@code isManaged}, last check-in). It goes into the snapshot, where a node
 * looks up the device a sign-in proved with its certificate. {@code PUT /{id}} is the MDM's sync:
 * the last report wins, no If-Match needed.
 */
@Path("/v1.0/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DevicesResource {

    private final ManageDevices documents;
    private final DocumentEndpoint<Device> endpoint;

    @Inject
    public DevicesResource(ManageDevices documents) {
        this.documents = documents;
        this.endpoint = new DocumentEndpoint<>(documents, GraphDocument.devices());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.READER, Roles.DEVICE_MANAGER})
    public Response list() {
        return endpoint.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.READER, Roles.DEVICE_MANAGER})
    public Response get(@PathParam("id") String id) {
        return endpoint.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.DEVICE_MANAGER})
    @RequiresMfa
    public Response create(byte[] body, @Context UriInfo uri, @Context SecurityContext caller) {
        return endpoint.create(body, false, false, uri, caller.getUserPrincipal().getName());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.DEVICE_MANAGER})
    @RequiresMfa
    public Response sync(@PathParam("id") String id, byte[] body, @Context SecurityContext caller) {
        return endpoint.put(id, body, device -> documents.report(new ManageDevices.Report(id, device, caller.getUserPrincipal().getName())));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.ADMIN, Roles.DEVICE_MANAGER})
    @RequiresMfa
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, byte[] body,
            @Context SecurityContext caller) {
        return endpoint.patch(id, ifMatch, body, false, false, caller.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.DEVICE_MANAGER})
    @RequiresMfa
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext caller) {
        return endpoint.delete(id, ifMatch, caller.getUserPrincipal().getName());
    }
}
