package dev.portcullis.adapters.keycloak.push;

import dev.portcullis.adapters.keycloak.signin.UserAgentPlatform;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.policy.GraphNamed;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/** What the phone shows about a sign-in, read from the request Keycloak is handling. */
final class SignInContexts {

    private SignInContexts() {}

    static Challenge.SignInContext of(KeycloakSession session, ClientModel client, boolean test) {
        String ip = session.getContext().getConnection().getRemoteAddr();
        PortcullisProvider portcullis = session.getProvider(PortcullisProvider.class);
        Optional<String> country = Optional.empty();
        if (portcullis != null) {
            country = portcullis.signals().locate(IpAddress.parse(ip)).country();
        }
        String userAgent = session.getContext().getRequestHeaders().getHeaderString("User-Agent");
        String application = client == null ? "" : client.getName() != null && !client.getName().isBlank()
                && !client.getName().startsWith("${") ? client.getName() : client.getClientId();
        return new Challenge.SignInContext(client == null ? "" : client.getClientId(), application, ip == null ? "" : ip, country, browser(userAgent),
                UserAgentPlatform.of(userAgent).map(GraphNamed::graphName).orElse("unknown"), test);
    }

    /** The browser's family, enough for a person to recognise their own. */
    static String browser(String userAgent) {
        if (userAgent == null) {
            return "unknown";
        }
        if (userAgent.contains("Edg/")) {
            return "Edge";
        }
        if (userAgent.contains("Firefox/")) {
            return "Firefox";
        }
        if (userAgent.contains("Chrome/") || userAgent.contains("Chromium/")) {
            return "Chrome";
        }
        if (userAgent.contains("Safari/")) {
            return "Safari";
        }
        return "unknown";
    }
}
