package dev.portcullis.adapters.keycloak.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.adapters.keycloak.snapshot.TestSnapshots;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.Config;

/**
 * The node's start as its options make it (read through Keycloak's own {@code Config.Scope}): which
 * keys it trusts decides whether it pulls at all. A stand-in control plane serves a signed snapshot.
 */
class DefaultPortcullisProviderFactoryTest {

    private static final String PREFIX = "portcullis-factory-test.";

    @TempDir
    Path dir;

    private HttpServer controlPlane;
    private final AtomicInteger pulls = new AtomicInteger();
    private DefaultPortcullisProviderFactory factory;

    @BeforeEach
    void serveASignedSnapshot() throws Exception {
        controlPlane = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controlPlane.createContext("/v1.0/identity/conditionalAccess/snapshot", exchange -> {
            pulls.incrementAndGet();
            byte[] body = TestSnapshots.snapshot(4, "from the control plane");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        controlPlane.start();
    }

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.close();
        }
        controlPlane.stop(0);
        clearOptions();
    }

    private static void clearOptions() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(System::clearProperty);
    }

    private Map<String, String> start(Map<String, String> options) throws Exception {
        clearOptions();
        // A signed last-known-good copy is already on disk, as after an earlier run.
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Files.write(cache.resolve(DefaultPortcullisProviderFactory.LAST_KNOWN_GOOD), TestSnapshots.snapshot(3, "on disk"));
        System.setProperty(PREFIX + "controlPlaneUrl", "http://127.0.0.1:" + controlPlane.getAddress().getPort());
        System.setProperty(PREFIX + "cacheDir", cache.toString());
        System.setProperty(PREFIX + "snapshotWaitSeconds", "0");
        options.forEach((k, v) -> System.setProperty(PREFIX + k, v));
        factory = new DefaultPortcullisProviderFactory();
        factory.init(new Config.SystemPropertiesScope(PREFIX));
        factory.postInit(null);
        return factory.getOperationalInfo();
    }

    @Test
    void withoutAKeyTheNodePullsNothingRefusesItsCopyOnDiskAndEnforcesTheFailSecureDefault() throws Exception {
        Map<String, String> info = start(Map.of());

        assertThat(pulls).hasValue(0);
        assertThat(factory.shared().policies().snapshotVersion()).isEmpty();
        assertThat(info).containsEntry("snapshotVersion", "none (fail-secure default)")
                .containsEntry("snapshotsRefused.unknown_key", "1");
        assertThat(info.get("snapshotTrust")).startsWith("none (no snapshot-public-key-file or snapshot-jwks-url)");
    }

    @Test
    void bothAKeyFileAndAJwkSetUrlOrAPlainHttpJwkSetUrlAreRefusedAsNoTrust() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), SnapshotKeys.pem(TestSnapshots.CONTROL_PLANE.publicKey()));
        Map<String, String> both = start(Map.of("snapshotPublicKeyFile", key.toString(),
                "snapshotJwksUrl", "https://control-plane:8443/v1.0/identity/conditionalAccess/snapshot/keys"));
        assertThat(both.get("snapshotTrust")).contains("choose one");
        assertThat(pulls).hasValue(0);
        factory.close();

        Map<String, String> http = start(Map.of("snapshotJwksUrl", "http://control-plane:8081/keys"));
        assertThat(http.get("snapshotTrust")).contains("must be https");
        assertThat(pulls).hasValue(0);
    }

    @Test
    void withThePinnedKeyTheNodeStartsFromItsCopyOnDiskAndTakesTheControlPlanesNewerSnapshot() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), SnapshotKeys.pem(TestSnapshots.CONTROL_PLANE.publicKey()));

        Map<String, String> info = start(Map.of("snapshotPublicKeyFile", key.toString()));

        assertThat(pulls.get()).isPositive();
        assertThat(info).containsEntry("snapshotVersion", "4").containsEntry("snapshotEpoch", TestSnapshots.EPOCH)
                .containsEntry("snapshotsRefused.unknown_key", "0");
        assertThat(info.get("snapshotSignedBy")).startsWith(TestSnapshots.CONTROL_PLANE.keyId());
        assertThat(info.get("snapshotTrust")).contains(key.toString()).contains("1 key");
    }
}
