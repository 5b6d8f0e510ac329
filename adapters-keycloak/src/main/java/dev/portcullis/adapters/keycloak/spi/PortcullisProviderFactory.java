package dev.portcullis.adapters.keycloak.spi;

import org.keycloak.provider.ProviderFactory;

public interface PortcullisProviderFactory extends ProviderFactory<PortcullisProvider> {}
