package dev.portcullis.adapters.keycloak.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI that carries Portcullis' shared state (snapshot, signals, shipper) to the authenticators. */
public final class PortcullisSpi implements Spi {

    public static final String NAME = "portcullis";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PortcullisProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PortcullisProviderFactory.class;
    }
}
