package dev.portcullis.adapters.keycloak.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.adapters.keycloak.controlplane.ControlPlaneEndpoints;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.SigningKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The puller's long poll against a small stand-in for the control plane's snapshot endpoint (the
 * real endpoint is tested in the REST adapter, and the two together in the rollout suite).
 */
class SnapshotPullerTest {

    private final AtomicLong version = new AtomicLong(1);
    private final AtomicReference<String> epoch = new AtomicReference<>(TestSnapshots.EPOCH);
    /** What the stand-in signs with: the control plane's key, or an attacker's. */
    private final AtomicReference<SigningKey> signer = new AtomicReference<>(TestSnapshots.CONTROL_PLANE);
    private final List<String> prefers = new CopyOnWriteArrayList<>();
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    /** A body served instead of the signed snapshot, when set. */
    private final AtomicReference<byte[]> instead = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Holds a request that asks to wait until the version moves on, as the control plane does; or ignores Prefer. */
    private URI serve(boolean honoursWait) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(SnapshotPuller.PATH, exchange -> {
            String prefer = exchange.getRequestHeaders().getFirst("Prefer");
            prefers.add(String.valueOf(prefer));
            String known = String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match"));
            ifNoneMatch.add(known);
            boolean waits = honoursWait && prefer != null && known.equals(etag());
            for (int i = 0; waits && i < 100 && known.equals(etag()); i++) {
                sleep(50);
            }
            if (waits) {
                exchange.getResponseHeaders().add("Preference-Applied", prefer);
            }
            respond(exchange, known);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private String etag() {
        return PolicySnapshot.etag(epoch.get(), version.get());
    }

    private void respond(HttpExchange exchange, String known) throws IOException {
        long now = version.get();
        exchange.getResponseHeaders().add("ETag", etag());
        if (known.equals(etag())) {
            exchange.sendResponseHeaders(304, -1);
        } else {
            byte[] body = instead.get() != null ? instead.get()
                    : TestSnapshots.signed(signer.get(), epoch.get(), now, "version " + now, Instant.now());
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** Two replicas listed, the first down: the pull after the failed one asks the second, and stays with it. */
    @Test
    void aNodeMovesOnToTheNextReplicaWhenTheCurrentOneIsDown() throws Exception {
        URI up = serve(false);
        URI down;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + closed.getLocalPort()); // nothing listens once this closes
        }
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        ControlPlaneEndpoints replicas = ControlPlaneEndpoints.parse(down + ", " + up);
        // A generous timeout: on a loaded machine 2 s was seen to run out on the replica that is up.
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(replicas), Optional.empty(), Optional::empty,
                Duration.ofSeconds(10), Duration.ZERO)) {
            puller.refresh();
            assertThat(store.active()).as("the first replica is down").isEmpty();
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(1);
            version.set(2);
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(2);
        }
        assertThat(ifNoneMatch).as("every request after the first reached the second replica").hasSize(2);
    }

    @Test
    void aChangeArrivesThroughTheHeldRequestNotTheInterval() throws Exception {
        URI uri = serve(true);
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(new ControlPlaneEndpoints(List.of(uri))), Optional.empty(), Optional::empty,
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
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(new ControlPlaneEndpoints(List.of(uri))), Optional.empty(), Optional::empty,
                Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            puller.start(Duration.ofMillis(400));
            sleep(1_500);
            version.set(2);
            awaitVersion(store, 2);
        }
        // About one request per 400 ms over some 2 s; a puller that looped on immediate 304s would send thousands.
        assertThat(prefers.size()).isBetween(3, 20);
    }

    @Test
    void aSnapshotItRefusedNeverBecomesTheETagItAsksWith() throws Exception {
        URI uri = serve(false);
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(new ControlPlaneEndpoints(List.of(uri))), Optional.empty(), Optional::empty,
                Duration.ofSeconds(2), Duration.ZERO)) {
            puller.refresh();
            String stored = store.active().orElseThrow().snapshot().etag();
            signer.set(SigningKey.generate()); // someone in the middle serves version 2, signed with another key
            version.set(2);
            puller.refresh();
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(1);
            assertThat(ifNoneMatch).as("always the ETag of what it holds").containsExactly("null", stored, stored);

            signer.set(TestSnapshots.CONTROL_PLANE); // the real control plane again: version 2 is taken
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(2);
        }
    }

    /** BENCHMARKS.md's enterprise-scale snapshot (83 MB signed) is refused on this limit: a body over it is not read. */
    @Test
    void aBodyOverTheLimitIsRefusedUnreadAndTheSnapshotHeldIsKept() throws Exception {
        URI uri = serve(false);
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(new ControlPlaneEndpoints(List.of(uri))),
                Optional.empty(), Optional::empty, Duration.ofSeconds(10), Duration.ZERO)) {
            puller.refresh();
            version.set(2);
            instead.set(new byte[SnapshotPuller.MAX_BYTES + 1]);
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(1);
            assertThat(store.refused(SnapshotStore.Refusal.UNSIGNED)).as("never offered to the store").isZero();
        }
    }

    @Test
    void aRebuiltControlPlaneDatabaseIsFollowedAlthoughItsVersionsStartAgain() throws Exception {
        URI uri = serve(true);
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        version.set(57);
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(new ControlPlaneEndpoints(List.of(uri))), Optional.empty(), Optional::empty,
                Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            puller.refresh();
            puller.start(Duration.ofMillis(200));
            Thread.sleep(300);
            epoch.set("7d2e9f10-0000-4000-8000-00000000000b");
            version.set(1);
            awaitVersion(store, 1);
            assertThat(store.active().orElseThrow().snapshot().epoch()).isEqualTo("7d2e9f10-0000-4000-8000-00000000000b");
        }
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

    /**
     * The control plane's fact feed, in small: a snapshot whose facts travel in the feed, and one
     * device whose compliance a test flips. A held snapshot request ends when the facts move on from
     * those the node names, as the control plane's does.
     */
    private final AtomicLong factSequence = new AtomicLong(1);
    private final AtomicReference<Boolean> compliant = new AtomicReference<>(true);
    private final List<String> factRequests = new CopyOnWriteArrayList<>();
    private final List<String> knownFacts = new CopyOnWriteArrayList<>();

    private String factsEtag() {
        return PolicySnapshot.etag(TestSnapshots.EPOCH, factSequence.get());
    }

    private URI serveFeed() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(SnapshotPuller.PATH, exchange -> {
            String known = String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match"));
            String facts = exchange.getRequestHeaders().getFirst(FactFeedCodec.KNOWN_FACTS_HEADER);
            knownFacts.add(String.valueOf(facts));
            String prefer = exchange.getRequestHeaders().getFirst("Prefer");
            boolean waits = prefer != null && known.equals(etag());
            for (int i = 0; waits && i < 100 && (facts == null || facts.equals(factsEtag())); i++) {
                sleep(50);
            }
            if (waits) {
                exchange.getResponseHeaders().add("Preference-Applied", prefer);
            }
            byte[] body = TestSnapshots.withFactFeed(version.get());
            send(exchange, known.equals(etag()) ? 304 : 200, body);
        });
        server.createContext(SnapshotPuller.FACTS_PATH, exchange -> {
            String known = String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match"));
            factRequests.add(known);
            Device laptop = new Device("laptop", "Laptop", Optional.of("anna"), Optional.empty(), compliant.get(), true,
                    "AzureAd", "company", Instant.now());
            Optional<PublishFacts.Stamp> stamp = PublishFacts.Stamp.ofEtag(known);
            FactFeed answer = stamp.isPresent()
                    ? new FactFeed.Changes(TestSnapshots.EPOCH, stamp.get().sequence(), factSequence.get(),
                            List.of(laptop), Set.of(), Map.of(), Set.of())
                    : new FactFeed.Listing(new Facts(TestSnapshots.EPOCH, factSequence.get(),
                            new DeviceInventory(List.of(laptop), DeviceInventory.MAX_CHECK_IN_AGE), Map.of()));
            send(exchange, known.equals(factsEtag()) ? 304 : 200, TestSnapshots.facts(answer));
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (status == 304) {
            exchange.sendResponseHeaders(304, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Test
    void factsAreListedOnceThenTheChangeArrivesThroughTheHeldSnapshotRequest() throws Exception {
        URI uri = serveFeed();
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        FactStore facts = new FactStore(FactFeedCodec.instance(), TestSnapshots.TRUSTED, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.of(facts),
                Optional.of(new ControlPlaneEndpoints(List.of(uri))), Optional.empty(), Optional::empty,
                Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            puller.refresh();
            assertThat(facts.facts().orElseThrow().devices().device("laptop").orElseThrow().compliant()).isTrue();
            puller.start(Duration.ofMinutes(10)); // an interval this test never reaches
            sleep(300);
            compliant.set(false);
            factSequence.set(2);
            for (int i = 0; i < 200 && facts.facts().orElseThrow().sequence() != 2; i++) {
                sleep(50);
            }
            assertThat(facts.facts().orElseThrow().devices().device("laptop").orElseThrow().compliant()).isFalse();
        }
        String listed = PolicySnapshot.etag(TestSnapshots.EPOCH, 1);
        assertThat(factRequests).as("listed once, then only the changes after what it held")
                .startsWith("null", listed);
        assertThat(factRequests).containsOnlyOnce("null");
        assertThat(knownFacts).as("the held request named the facts held").contains(listed);
        assertThat(store.active().orElseThrow().snapshot().version()).as("the policies did not change").isEqualTo(1);
    }
}
