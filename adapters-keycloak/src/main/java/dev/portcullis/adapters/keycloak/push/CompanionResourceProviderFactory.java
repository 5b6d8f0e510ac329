package dev.portcullis.adapters.keycloak.push;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the companion and its API at {@code /realms/{realm}/portcullis/}. */
public final class CompanionResourceProviderFactory extends PushProviderFactory<RealmResourceProvider>
        implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "portcullis";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        CompanionResource resource = new CompanionResource(session, this::store);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {}
        };
    }
}
