package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.adapters.keycloak.spi.StatelessProviderFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Registers {@link ConditionalAccessCheck}. The realm must list it (enabled), with a priority after
 * every action that registers a credential; Portcullis' step refuses registrations in a realm where
 * it is missing, so nothing is registered unchecked.
 */
public final class ConditionalAccessCheckFactory implements RequiredActionFactory, StatelessProviderFactory<RequiredActionProvider> {

    public static final String PROVIDER_ID = "portcullis-conditional-access-check";
    private static final ConditionalAccessCheck SINGLETON = new ConditionalAccessCheck();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Conditional Access check after registering security info (Portcullis)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }
}
