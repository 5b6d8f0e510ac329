package dev.portcullis.adapters.keycloak.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.adapters.keycloak.MutableClock;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.portcullis.adapters.keycloak.device.TestPki;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a node's keys come from: a pinned file that may change, or a JWK set fetched over TLS. */
class SnapshotTrustTest {

    private static final SigningKey CURRENT = TestSnapshots.CONTROL_PLANE;
    private static final SigningKey NEXT = SigningKey.generate();

    @TempDir
    Path dir;

    @Test
    void aPinnedFileIsReReadWhenAKeyIsAddedForARotationAndABrokenEditKeepsTheKeysReadBefore() throws Exception {
        Path file = dir.resolve("snapshot-public-key.pem");
        Files.writeString(file, SnapshotKeys.pem(CURRENT.publicKey()));
        SnapshotTrust.PinnedFile pinned = new SnapshotTrust.PinnedFile(file);
        assertThat(pinned.find(CURRENT.keyId())).contains(CURRENT.publicKey());
        assertThat(pinned.find(NEXT.keyId())).isEmpty();

        Files.writeString(file, SnapshotKeys.pem(CURRENT.publicKey()) + SnapshotKeys.pem(NEXT.publicKey()));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(pinned.find(NEXT.keyId())).contains(NEXT.publicKey());

        Files.writeString(file, CURRENT.pem());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(pinned.find(NEXT.keyId())).as("a private key in the file is refused").contains(NEXT.publicKey());
        assertThat(pinned.describe()).contains(file.toString()).contains("2 keys");

        assertThat(new SnapshotTrust.PinnedFile(dir.resolve("missing.pem")).find(CURRENT.keyId())).isEmpty();
    }

    @Test
    void aJwkSetUrlMustBeHttps() {
        assertThatThrownBy(() -> new SnapshotTrust.JwksUrl(URI.create("http://control-plane:8081/keys"), Duration.ofSeconds(1),
                Clock.systemUTC())).hasMessageContaining("must be https");
    }

    @Test
    void aJwkSetIsFetchedOverTlsOnceAndAgainForAnUnknownKeyAtMostOnceAMinute() throws Exception {
        TestPki pki = new TestPki("Test CA");
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestPki.presenting(pki.server("127.0.0.1"), pki.caCertificate())));
        AtomicReference<List<SigningKey>> published = new AtomicReference<>(List.of(CURRENT));
        AtomicInteger fetches = new AtomicInteger();
        server.createContext("/keys", exchange -> {
            fetches.incrementAndGet();
            byte[] body = SnapshotKeys.writeJwks(published.get().stream().map(SigningKey::publicKey).toList());
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        try {
            URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/keys");
            SnapshotTrust.JwksUrl jwks = new SnapshotTrust.JwksUrl(url, Duration.ofSeconds(2), clock,
                    HttpClient.newBuilder().sslContext(pki.trusting()).build());

            assertThat(jwks.find(CURRENT.keyId())).contains(CURRENT.publicKey());
            assertThat(jwks.find(CURRENT.keyId())).contains(CURRENT.publicKey());
            assertThat(fetches).hasValue(1);

            published.set(List.of(CURRENT, NEXT)); // the control plane rotated
            assertThat(jwks.find(NEXT.keyId())).as("fetched at most once a minute").isEmpty();
            clock.advance(Duration.ofMinutes(1));
            assertThat(jwks.find(NEXT.keyId())).contains(NEXT.publicKey());
            assertThat(jwks.find("an-unknown-kid")).isEmpty();
            assertThat(fetches).hasValue(2);

            // A server the node does not trust (the JVM's default trust store has no test CA) gives no keys.
            SnapshotTrust.JwksUrl untrusted = new SnapshotTrust.JwksUrl(url, Duration.ofSeconds(2), clock);
            assertThatThrownBy(() -> untrusted.find(CURRENT.keyId())).isInstanceOf(TrustedKeys.Unavailable.class);
        } finally {
            server.stop(0);
        }
    }
}
