package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.ManagePolicies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
}
