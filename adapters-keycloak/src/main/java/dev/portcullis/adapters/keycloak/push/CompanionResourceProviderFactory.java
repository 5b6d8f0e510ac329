package dev.portcullis.adapters.keycloak.push;

import java.security.SecureRandom;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the companion and its API at {@code /realms/{realm}/portcullis/}. */
public final class CompanionResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "portcullis";

    private PushSettings settings = PushSettings.defaults();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        CompanionResource resource = new CompanionResource(session, settings, random);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void init(Config.Scope config) {
        settings = PushSettings.fromServerConfig();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
