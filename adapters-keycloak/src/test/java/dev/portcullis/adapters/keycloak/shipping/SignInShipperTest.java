package dev.portcullis.adapters.keycloak.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.adapters.keycloak.controlplane.ControlPlaneEndpoints;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** A node stopped gracefully: what its shipper holds reaches the control plane before it goes. */
class SignInShipperTest {

    private final AtomicInteger received = new AtomicInteger();
    private HttpServer controlPlane;

    @BeforeEach
    void start() throws Exception {
        controlPlane = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The encoder below writes a batch as its size: the stand-in adds it up.
        controlPlane.createContext(SignInShipper.PATH, exchange -> {
            received.addAndGet(Integer.parseInt(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        controlPlane.start();
    }

    @AfterEach
    void stop() {
        if (controlPlane != null) {
            controlPlane.stop(0);
        }
    }

    private SignInShipper shipper(int port, Duration timeout) {
        // A long linger: without the flush on close, the records would still be waiting when the node stops.
        return new SignInShipper(new ControlPlaneEndpoints(List.of(URI.create("http://127.0.0.1:" + port))),
                Optional::empty, batch -> Integer.toString(batch.size()).getBytes(StandardCharsets.UTF_8), 1_000,
                timeout, Duration.ofMinutes(1));
    }

    /** Repeated: close lands at a different point of the shipper's loop each time (gathering, posting, waiting). */
    @RepeatedTest(60)
    void closingSendsTheRecordsInHandAndQueuedAndCountsThemShipped() {
        SignInShipper shipper = shipper(controlPlane.getAddress().getPort(), Duration.ofSeconds(2));
        for (int i = 0; i < 250; i++) {
            shipper.record(() -> null);
        }
        shipper.close();
        assertThat(received.get()).isEqualTo(250);
        assertThat(shipper.shipped()).isEqualTo(250);
        assertThat(shipper.dropped()).isZero();
    }

    @Test
    void closingWithTheControlPlaneDownCountsWhatCouldNotGoAsDropped() {
        int port = controlPlane.getAddress().getPort();
        controlPlane.stop(0);
        controlPlane = null;
        SignInShipper shipper = shipper(port, Duration.ofSeconds(1));
        for (int i = 0; i < 30; i++) {
            shipper.record(() -> null);
        }
        shipper.close();
        assertThat(shipper.shipped()).isZero();
        assertThat(shipper.dropped()).isEqualTo(30);
    }
}
