package dev.portcullis.adapters.keycloak.authenticator;

import java.util.List;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * An authenticator of Portcullis: nothing to configure per execution (its options are server-wide,
 * shown by {@code getConfigMetadata}) and nothing for the user to set up in the flow.
 */
public interface ServerConfiguredAuthenticatorFactory extends AuthenticatorFactory {

    @Override
    default boolean isConfigurable() {
        return false;
    }

    @Override
    default boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    default List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
