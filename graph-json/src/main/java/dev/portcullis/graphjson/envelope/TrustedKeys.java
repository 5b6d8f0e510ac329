package dev.portcullis.graphjson.envelope;

import java.security.PublicKey;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The public keys a node accepts snapshot signatures from, looked up by key id. */
@FunctionalInterface
public interface TrustedKeys {

    /**
     * The trusted key with this id; empty when no such key is trusted.
     *
     * @throws Unavailable when the trusted keys cannot be read now (a JWK set that cannot be fetched)
     */
    Optional<PublicKey> find(String keyId);

    /** A fixed set of keys, each under its thumbprint. */
    static TrustedKeys of(Collection<? extends PublicKey> keys) {
        Map<String, PublicKey> byId = keys.stream().collect(Collectors.toUnmodifiableMap(SnapshotKeys::keyId,
                Function.identity(), (a, b) -> a));
        return keyId -> Optional.ofNullable(byId.get(keyId));
    }

    /** The keys cannot be read now; a snapshot is refused until they can. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
