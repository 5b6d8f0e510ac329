package dev.portcullis.adapters.keycloak.it.clock;

import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;

/** {@code PUT /realms/{realm}/portcullis-test-clock/offset/{seconds}}: Keycloak's time from now on is real time plus that. */
public final class KeycloakClockResource {

    @PUT
    @Path("offset/{seconds}")
    public Response offset(@PathParam("seconds") int seconds) {
        Time.setOffset(seconds);
        return Response.noContent().build();
    }
}
