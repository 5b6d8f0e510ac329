package dev.portcullis.adapters.keycloak.push;

import java.security.SecureRandom;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * What the push providers (the authenticator, the enrolment action and the companion's API) share:
 * the {@link PushStore} they work on, with one set of push options, read at start from the push
 * authenticator's scope so that all three agree, and a {@link SecureRandom} for numbers, nonces and
 * codes. Nothing to release.
 */
abstract class PushProviderFactory<T extends Provider> implements ProviderFactory<T> {

    private PushSettings settings = PushSettings.defaults();
    private final SecureRandom random = new SecureRandom();

    /** The store over this session's single-use objects. */
    PushStore store(KeycloakSession session) {
        return new PushStore(session.singleUseObjects(), settings, random);
    }

    /** The push authenticator's options (for the authenticator itself, {@code config} is that scope). */
    @Override
    public void init(Config.Scope config) {
        settings = PushSettings.fromServerConfig();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
