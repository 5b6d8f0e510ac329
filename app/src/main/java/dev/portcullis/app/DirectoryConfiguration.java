package dev.portcullis.app;

import dev.portcullis.adapters.keycloak.admin.KeycloakDirectory;
import dev.portcullis.core.port.out.DirectoryPort;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.OAuth2Constants;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The protected realm's directory for What-If, the lockout guard and the pickers' look-up: Keycloak through the Admin
 * Client, with a service account of that realm allowed to view users
 * ({@code portcullis.directory.keycloak-url}, {@code .realm}, {@code .client-id},
 * {@code .client-secret}, {@code .admin-role}). Without it, What-If uses only the identity sent in
 * the request and the lockout guard cannot check administrators, which the log says at start.
 */
@ApplicationScoped
public class DirectoryConfiguration {

    private static final Logger LOG = Logger.getLogger(DirectoryConfiguration.class);

    @Produces
    @Singleton
    @Startup
    DirectoryPort directory(
            @ConfigProperty(name = "portcullis.directory.keycloak-url") Optional<String> url,
            @ConfigProperty(name = "portcullis.directory.realm", defaultValue = "demo") String realm,
            @ConfigProperty(name = "portcullis.directory.client-id", defaultValue = "portcullis-directory") String clientId,
            @ConfigProperty(name = "portcullis.directory.client-secret") Optional<String> secret,
            @ConfigProperty(name = "portcullis.directory.admin-role", defaultValue = "admin") String adminRole) {
        if (url.isEmpty() || secret.isEmpty()) {
            LOG.warn("event=directory_not_configured detail=\"What-If uses only the identity in the request and the "
                    + "lockout guard cannot check administrators: set portcullis.directory.keycloak-url and "
                    + "portcullis.directory.client-secret\"");
            return DirectoryPort.NONE;
        }
        Keycloak keycloak = KeycloakBuilder.builder().serverUrl(url.get()).realm(realm)
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(clientId).clientSecret(secret.get()).build();
        LOG.infof("event=directory_configured url=%s realm=%s client=%s adminRole=%s", url.get(), realm, clientId,
                adminRole);
        return new KeycloakDirectory(keycloak, realm, adminRole);
    }
}
