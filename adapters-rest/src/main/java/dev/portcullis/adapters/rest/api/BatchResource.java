package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageDevices;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1.0/$batch}: Microsoft Graph's JSON batching, for an MDM that syncs many devices at
 * once. Up to 20 requests, each answered with its own id, status, headers and body, in the order
 * sent. A batch holds device syncs ({@code PUT /devices/{id}}, as {@link DevicesResource} answers one):
 * their devices are read in one query and stored in one transaction, each with its own audit entry.
 * A batch that is not one (not JSON, too many requests, another method or URL, a repeated id) is
 * refused as a whole, naming the request, and nothing of it runs.
 */
@Path("/v1.0/$batch")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final JsonText json = JsonText.shared();
    private final ManageDevices devices;
    private final DocumentEndpoint<Device> endpoint;

    @Inject
    public BatchResource(ManageDevices devices) {
        this.devices = devices;
        this.endpoint = new DocumentEndpoint<>(devices, GraphDocument.devices());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.DEVICE_MANAGER})
    @RequiresMfa
    public Response batch(byte[] body, @Context SecurityContext caller) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        Parsed<List<DeviceSyncBatch.Sync>> syncs = DeviceSyncBatch.read(tree.value());
        if (!syncs.ok()) {
            return Problem.invalid(syncs.errors());
        }
        String actor = caller.getUserPrincipal().getName();
        List<DeviceSyncBatch.Sync> requests = syncs.value();
        List<ManageDevices.Report> reports = new ArrayList<>(requests.size());
        requests.forEach(sync -> reports.add(new ManageDevices.Report(sync.deviceId(),
                endpoint.whole(sync.deviceId(), sync.body()), actor)));
        List<DocumentResult<Device>> results = devices.reportEach(reports);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        var responses = answer.putArray("responses");
        for (int i = 0; i < requests.size(); i++) {
            responses.add(response(requests.get(i).id(), endpoint.reported(results.get(i))));
        }
        return Response.ok(json.bytes(answer)).build();
    }

    /** One request's answer as Graph batches it: what it would have answered on its own. */
    private static ObjectNode response(String id, Response alone) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("id", id);
        response.put("status", alone.getStatus());
        ObjectNode headers = response.putObject("headers");
        headers.put("Content-Type", alone.getMediaType() != null ? alone.getMediaType().toString()
                : MediaType.APPLICATION_JSON);
        if (alone.getEntityTag() != null) {
            headers.put("ETag", "\"" + alone.getEntityTag().getValue() + "\"");
        }
        if (alone.getEntity() instanceof byte[] bytes) {
            response.putRawValue("body", new RawValue(new String(bytes, StandardCharsets.UTF_8)));
        }
        return response;
    }
}
