package dev.portcullis.adapters.keycloak.tokens;

import java.util.List;
import dev.portcullis.adapters.keycloak.spi.StatelessProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * The client-policy executor that runs Conditional Access on token requests no login flow sees.
 * A client profile holding it, and a client policy applying that profile to every client, make it
 * run; {@code RealmProvisioner} sets both up.
 */
public final class ConditionalAccessExecutorFactory implements ClientPolicyExecutorProviderFactory,
        StatelessProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "portcullis-conditional-access";

    /** Nothing per profile: the policies come from the control plane, the options are the portcullis SPI's. */
    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create().build();

    @Override
    public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
        return new ConditionalAccessExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Portcullis Conditional Access for tokens issued without a login flow: refresh (online and offline),"
                + " token exchange, device and CIBA grants and the JWT authorization grant are refused with invalid_grant"
                + " unless the policies allow the user now, and a block or high user risk ends all of the user's"
                + " sessions. Also refuses authorization and password-grant requests whose flow skips the Portcullis"
                + " step. Nothing to configure here: policies come from the Portcullis control plane.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }
}
