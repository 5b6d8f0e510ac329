package dev.portcullis.adapters.keycloak.spi;

import dev.portcullis.adapters.keycloak.shipping.SignInRecorder;
import dev.portcullis.adapters.keycloak.signin.KnownClients;
import dev.portcullis.adapters.keycloak.signin.SignalSources;
import dev.portcullis.adapters.keycloak.snapshot.PolicySource;
import org.keycloak.provider.Provider;

/**
 * Per-session handle on what the node shares between logins, made once by the provider factory:
 * the policies it enforces, the signal sources, the clients it treats specially, and where sign-in
 * records go. Holds nothing of its own.
 */
public interface PortcullisProvider extends Provider {

    PolicySource policies();

    SignalSources signals();

    KnownClients clients();

    SignInRecorder signIns();

    @Override
    default void close() {}
}
