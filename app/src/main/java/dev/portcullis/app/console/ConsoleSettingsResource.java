package dev.portcullis.app.console;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.graphjson.JsonText;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the admin console (the static pages under {@code /console/}) signs people in: the Keycloak
 * realm that issues the control plane's tokens ({@code portcullis.console.realm-url}, by default the
 * token issuer) and the console's public client ({@code portcullis.console.client-id}). Public: the
 * page needs it before anyone has signed in, and it holds no secret.
 */
@Path("/console/settings.json")
public class ConsoleSettingsResource {

    private final byte[] settings;

    public ConsoleSettingsResource(@ConfigProperty(name = "portcullis.console.realm-url") String realmUrl,
            @ConfigProperty(name = "portcullis.console.client-id") String clientId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("realmUrl", realmUrl).put("clientId", clientId);
        this.settings = JsonText.shared().bytes(body);
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] settings() {
        return settings;
    }
}
