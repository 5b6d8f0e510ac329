package dev.portcullis.adapters.keycloak.push;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A held request: asks a check in a fresh transaction until it answers or the wait ends, so an
 * answer reaches the waiting page within a poll interval rather than a refresh.
 */
final class HeldRequest {

    /** Longest a held request waits; below common proxy idle timeouts. */
    static final int MAX_WAIT_SECONDS = 25;

    private final KeycloakSessionFactory factory;

    HeldRequest(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    /** What {@code check} found, or empty once {@code wait} seconds (at most {@link #MAX_WAIT_SECONDS}) pass. */
    <T> Optional<T> await(int wait, Function<KeycloakSession, Optional<T>> check) {
        Instant until = Instant.now().plusSeconds(Math.max(0, Math.min(wait, MAX_WAIT_SECONDS)));
        while (true) {
            Optional<T> found = KeycloakModelUtils.runJobInTransactionWithResult(factory, check::apply);
            if (found.isPresent() || !Instant.now().isBefore(until)) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
