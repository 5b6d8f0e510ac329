package dev.portcullis.adapters.keycloak.spi;

import dev.portcullis.adapters.keycloak.PortcullisEngine;
import org.keycloak.provider.Provider;

/** Per-session handle on the node's shared {@link PortcullisEngine}; holds nothing of its own. */
public interface PortcullisProvider extends Provider {

    PortcullisEngine engine();

    @Override
    default void close() {}
}
