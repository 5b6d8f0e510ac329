package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.port.in.ManageNamedLocations;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
}
