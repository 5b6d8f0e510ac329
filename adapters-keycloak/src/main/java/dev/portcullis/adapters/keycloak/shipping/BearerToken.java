package dev.portcullis.adapters.keycloak.shipping;

import java.util.Optional;

/** The token a node shows the control plane; empty when it has none (an open control plane, or a failure). */
@FunctionalInterface
public interface BearerToken {

    Optional<String> get();

    /**
     * The control plane refused the token (401/403): its roles may have changed since it was issued,
     * so the next call fetches a new one instead of reusing it until it expires.
     */
    default void refused() {}
}
