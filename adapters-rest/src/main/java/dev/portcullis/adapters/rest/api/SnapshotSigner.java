package dev.portcullis.adapters.rest.api;

import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signs every snapshot the control plane serves (ES256 or RS256, as its key is: see {@link SnapshotEnvelope}) with its
 * private key, and publishes the public keys nodes may verify with as a JWK set. Without a key the
 * control plane does not start: nodes accept only signed snapshots, so one that cannot sign could
 * only ever be refused.
 */
@ApplicationScoped
@Startup
public class SnapshotSigner {

    private static final Logger LOG = Logger.getLogger(SnapshotSigner.class);
    static final String KEY_FILE = "portcullis.snapshot.signing-key-file";
    static final String KEY = "portcullis.snapshot.signing-key";
    static final String PUBLISHED_KEYS_FILE = "portcullis.snapshot.published-keys-file";

    private final SigningKey key;
    private final byte[] jwks;
    private final Clock clock;

    @Inject
    public SnapshotSigner(@ConfigProperty(name = KEY_FILE) Optional<String> keyFile,
            @ConfigProperty(name = KEY) Optional<String> keyPem,
            @ConfigProperty(name = PUBLISHED_KEYS_FILE) Optional<String> publishedKeysFile, Clock clock) {
        this.clock = clock;
        this.key = signingKey(keyFile.filter(s -> !s.isBlank()), keyPem.filter(s -> !s.isBlank()));
        Map<String, PublicKey> published = new LinkedHashMap<>();
        published.put(key.keyId(), key.publicKey());
        publishedKeysFile.filter(s -> !s.isBlank()).ifPresent(file ->
                SnapshotKeys.read(read(file, PUBLISHED_KEYS_FILE)).forEach(k -> published.putIfAbsent(SnapshotKeys.keyId(k), k)));
        this.jwks = SnapshotKeys.writeJwks(published.values());
        LOG.infof("event=snapshot_signing_ready alg=%s kid=%s published_kids=%s", key.algorithm(), key.keyId(), published.keySet());
    }

    private static SigningKey signingKey(Optional<String> file, Optional<String> pem) {
        if (file.isPresent() && pem.isPresent()) {
            throw new IllegalStateException("both " + KEY_FILE + " and " + KEY + " are set: give the snapshot signing key once");
        }
        if (file.isEmpty() && pem.isEmpty()) {
            throw new IllegalStateException("no snapshot signing key: set " + KEY_FILE
                    + " (PORTCULLIS_SNAPSHOT_SIGNING_KEY_FILE) to a PKCS#8 private key PEM file (EC P-256, or RSA), or " + KEY
                    + " (PORTCULLIS_SNAPSHOT_SIGNING_KEY) to its text. Nodes accept only snapshots signed with it;"
                    + " see docs/deployment.md");
        }
        try {
            return SigningKey.fromPem(pem.orElseGet(() -> new String(read(file.get(), KEY_FILE),
                    java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the snapshot signing key (" + (file.isPresent() ? KEY_FILE + "=" + file.get() : KEY)
                    + ") cannot be used: " + e.getMessage());
        }
    }

    private static byte[] read(String file, String property) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(property + "=" + file + " cannot be read: " + e);
        }
    }

    /** The snapshot's JSON as the signed envelope nodes pull, signed now. */
    public byte[] seal(byte[] snapshotJson) {
        return SnapshotEnvelope.seal(snapshotJson, key, clock.instant());
    }

    /** The JWK set: the signing key's public key, and any published beside it (the next or the previous one). */
    public byte[] jwks() {
        return jwks.clone();
    }
}
