package dev.portcullis.adapters.keycloak.it.clock;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * The realm resource behind {@link KeycloakClock}: runs inside a test's Keycloak only, never in the
 * product (it is not in the provider JAR).
 */
public final class KeycloakClockProvider implements RealmResourceProviderFactory, RealmResourceProvider {

    @Override
    public String getId() {
        return KeycloakClock.ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource() {
        return new KeycloakClockResource();
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
