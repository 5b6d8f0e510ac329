package dev.portcullis.adapters.keycloak.push;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public final class PushCredentialProviderFactory implements CredentialProviderFactory<PushCredentialProvider> {

    public static final String PROVIDER_ID = "portcullis-push";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new PushCredentialProvider(session);
    }
}
