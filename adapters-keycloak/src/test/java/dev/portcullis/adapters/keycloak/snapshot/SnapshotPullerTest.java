package dev.portcullis.adapters.keycloak.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.graphjson.GraphJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The puller's long poll against a small stand-in for the control plane's snapshot endpoint (the
 * real endpoint is tested in the REST adapter, and the two together in the rollout suite).
 */
class SnapshotPullerTest {

    private final GraphJson json = new GraphJson();
    private final AtomicLong version = new AtomicLong(1);
    private final List<String> prefers = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Holds a request that asks to wait until the version moves on, as the control plane does; or ignores Prefer. */
    private URI serve(boolean honoursWait) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/snapshot", exchange -> {
            String prefer = exchange.getRequestHeaders().getFirst("Prefer");
            prefers.add(String.valueOf(prefer));
            long known = Optional.ofNullable(exchange.getRequestHeaders().getFirst("If-None-Match"))
                    .map(e -> Long.parseLong(e.replace("\"", ""))).orElse(-1L);
            boolean waits = honoursWait && prefer != null && known == version.get();
            for (int i = 0; waits && i < 100 && version.get() == known; i++) {
                sleep(50);
            }
            if (waits) {
                exchange.getResponseHeaders().add("Preference-Applied", prefer);
            }
            respond(exchange, known);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/snapshot");
    }

    private void respond(HttpExchange exchange, long known) throws IOException {
        long now = version.get();
        exchange.getResponseHeaders().add("ETag", "\"" + now + "\"");
        if (known == now) {
            exchange.sendResponseHeaders(304, -1);
        } else {
            byte[] body = TestSnapshots.snapshot(json, now, "version " + now);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Test
    void aChangeArrivesThroughTheHeldRequestNotTheInterval() throws Exception {
        URI uri = serve(true);
        SnapshotStore store = new SnapshotStore(json, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(uri), Optional.empty(), Optional::empty,
                Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(1);
            puller.start(Duration.ofMinutes(10)); // an interval this test never reaches
            sleep(300);
            version.set(2);
            awaitVersion(store, 2);
            version.set(3); // and the next one, through the request that followed at once
            awaitVersion(store, 3);
        }
        assertThat(prefers).contains("wait=5");
    }

    @Test
    void aControlPlaneThatDoesNotHoldRequestsIsPolledAtTheIntervalNotInALoop() throws Exception {
        URI uri = serve(false);
        SnapshotStore store = new SnapshotStore(json, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(uri), Optional.empty(), Optional::empty,
                Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            puller.start(Duration.ofMillis(400));
            sleep(1_500);
            version.set(2);
            awaitVersion(store, 2);
        }
        // About one request per 400 ms over some 2 s; a puller that looped on immediate 304s would send thousands.
        assertThat(prefers.size()).isBetween(3, 20);
    }

    private static void awaitVersion(SnapshotStore store, long expected) {
        for (int i = 0; i < 200; i++) {
            if (store.active().map(a -> a.snapshot().version()).orElse(0L) == expected) {
                return;
            }
            sleep(50);
        }
        assertThat(store.active().orElseThrow().snapshot().version()).as("snapshot version within 10 s").isEqualTo(expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
