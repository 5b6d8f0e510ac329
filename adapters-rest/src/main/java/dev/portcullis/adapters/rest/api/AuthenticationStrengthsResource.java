package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.port.in.ManageAuthenticationStrengths;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
}
