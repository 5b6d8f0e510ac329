package dev.portcullis.adapters.keycloak.spi;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory with nothing to read at start, nothing to set up after it and nothing to
 * release: its providers read everything per request from the session, and the options are the
 * portcullis SPI's. The lifecycle is these defaults, as Keycloak's own
 * {@code CredentialProviderFactory} gives them.
 */
public interface StatelessProviderFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {}

    @Override
    default void postInit(KeycloakSessionFactory factory) {}

    @Override
    default void close() {}
}
