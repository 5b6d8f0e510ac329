package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Where a node's trusted snapshot keys come from: a pinned public key file (preferred: a snapshot's
 * integrity then does not depend on the channel it came through), or a JWK set URL over TLS (the
 * keys are then only as trustworthy as that channel), or nothing (the node refuses every snapshot).
 */
public sealed interface SnapshotTrust extends TrustedKeys {

    /** For operational info and logs: where the keys come from, never the keys. */
    String describe();

    /** No key configured: nothing verifies, so nothing is accepted. */
    record None(String why) implements SnapshotTrust {
        @Override
        public Optional<PublicKey> find(String keyId) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "none (" + why + "): every snapshot is refused";
        }
    }

    /**
     * Public keys pinned in a file (PEM {@code PUBLIC KEY} blocks or a JWK set), re-read when the
     * file changes, so a rotation only needs the new key added to the file. A file that becomes
     * unreadable or invalid is refused and the keys read before stay.
     */
    final class PinnedFile implements SnapshotTrust {

        private static final Logger LOG = Logger.getLogger(PinnedFile.class.getName());

        private final Path file;
        private volatile Map<String, PublicKey> keys = Map.of();
        private volatile String stamp = "";

        public PinnedFile(Path file) {
            this.file = file;
            reloadIfChanged();
        }

        @Override
        public Optional<PublicKey> find(String keyId) {
            reloadIfChanged();
            return Optional.ofNullable(keys.get(keyId));
        }

        /** How many keys are trusted now. */
        public int size() {
            return keys.size();
        }

        private synchronized void reloadIfChanged() {
            try {
                String now = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
                if (now.equals(stamp)) {
                    return;
                }
                Map<String, PublicKey> read = byId(SnapshotKeys.read(Files.readAllBytes(file)));
                keys = read;
                stamp = now;
                LOG.log(Level.INFO, "event=snapshot_keys_loaded source=file path={0} kids={1}",
                        new Object[] {file, read.keySet()});
            } catch (IOException | IllegalArgumentException e) {
                if (!stamp.equals("failed")) {
                    LOG.log(Level.SEVERE, "event=snapshot_keys_unreadable source=file path={0} error={1} effect={2}",
                            new Object[] {file, e.getMessage(), keys.isEmpty() ? "every_snapshot_refused" : "previous_keys_kept"});
                }
                stamp = "failed";
            }
        }

        @Override
        public String describe() {
            return "pinned public key file " + file + " (" + keys.size() + " key" + (keys.size() == 1 ? "" : "s") + ")";
        }
    }

    /**
     * Keys from a JWK set URL (the control plane's {@code .../snapshot/keys}), HTTPS only. Fetched
     * when first needed, and again when a snapshot names a key not in the set (a rotation), at most
     * once a minute so that a stream of unknown key ids cannot make the node fetch in a loop.
     */
    final class JwksUrl implements SnapshotTrust {

        private static final Logger LOG = Logger.getLogger(JwksUrl.class.getName());
        static final Duration REFETCH_AFTER = Duration.ofMinutes(1);

        private final URI url;
        private final HttpClient client;
        private final Duration timeout;
        private final Clock clock;
        private volatile Map<String, PublicKey> keys;
        private volatile Instant fetched = Instant.MIN;

        public JwksUrl(URI url, Duration timeout, Clock clock) {
            this(url, timeout, clock, HttpClient.newBuilder().connectTimeout(timeout).build());
        }

        /** @param client trusts what the server's certificate must chain to (Keycloak's trust store by default) */
        JwksUrl(URI url, Duration timeout, Clock clock, HttpClient client) {
            if (!"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("a JWK set URL must be https: over plain HTTP anyone on the way could"
                        + " hand the node their own keys; pin the public key in a file instead");
            }
            this.url = url;
            this.timeout = timeout;
            this.clock = clock;
            this.client = client;
        }

        @Override
        public synchronized Optional<PublicKey> find(String keyId) {
            boolean due = Duration.between(fetched, clock.instant()).compareTo(REFETCH_AFTER) >= 0;
            if (keys == null || (!keys.containsKey(keyId) && due)) {
                fetch();
            }
            if (keys == null) {
                throw new Unavailable("the JWK set at " + url + " could not be fetched");
            }
            return Optional.ofNullable(keys.get(keyId));
        }

        private void fetch() {
            fetched = clock.instant();
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(url).timeout(timeout)
                        .header("Accept", "application/jwk-set+json, application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("status " + response.statusCode());
                }
                keys = byId(SnapshotKeys.readJwks(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
                LOG.log(Level.INFO, "event=snapshot_keys_loaded source=jwks url={0} kids={1}", new Object[] {url, keys.keySet()});
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "event=snapshot_keys_unreadable source=jwks url={0} error={1} effect={2}",
                        new Object[] {url, e.toString(), keys == null ? "snapshots_refused_until_fetched" : "previous_keys_kept"});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String describe() {
            Map<String, PublicKey> known = keys;
            return "JWK set " + url + " (" + (known == null ? "not fetched yet" : known.size() + " key" + (known.size() == 1 ? "" : "s"))
                    + ")";
        }
    }

    private static Map<String, PublicKey> byId(List<? extends PublicKey> keys) {
        return keys.stream().collect(Collectors.toUnmodifiableMap(SnapshotKeys::keyId, Function.identity(), (a, b) -> a));
    }
}
