package dev.portcullis.adapters.keycloak.it;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.SignInRecordCodec;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for the control plane's two endpoints a Keycloak node calls (the control plane itself
 * is a separate module): the snapshot, with ETag / If-None-Match, and sign-in ingest. The bytes it
 * serves and parses are the real wire format, written and read by graph-json's codecs, and every snapshot is
 * signed as the control plane signs it, with its own key (the node is given the public key).
 */
final class ControlPlaneStandIn implements AutoCloseable {

    private final SignInRecordCodec signIns = SignInRecordCodec.instance();
    private final SnapshotCodec snapshots = SnapshotCodec.instance();
    private final SigningKey key = SigningKey.generate();
    private final int port;
    private final AtomicReference<PolicySnapshot> snapshot = new AtomicReference<>();
    private final List<SignInRecord> received = new CopyOnWriteArrayList<>();
    private volatile int notModified;
    private volatile boolean holdsPulls;
    private final Object changed = new Object();
    private HttpServer server;
    private ExecutorService threads;

    ControlPlaneStandIn(int port) {
        this.port = port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The public key a node must be given to trust this stand-in's snapshots. */
    SigningKey key() {
        return key;
    }

    /** Writes the public key as a node's {@code snapshot-public-key-file} option reads it. */
    java.nio.file.Path writePublicKey(java.nio.file.Path file) throws IOException {
        java.nio.file.Files.writeString(file, dev.portcullis.graphjson.envelope.SnapshotKeys.pem(key.publicKey()));
        return file;
    }

    void publish(PolicySnapshot next) {
        snapshot.set(next);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /**
     * From now on, honours a node's {@code Prefer: wait=N} as the control plane does: a pull for the
     * snapshot the node holds is held until the next {@link #publish} (or N seconds) and answered
     * with {@code Preference-Applied}. Off by default: the nodes then poll at their interval.
     */
    void holdPulls() {
        holdsPulls = true;
    }

    /** The snapshot once it is no longer the one with this ETag, or the same after {@code seconds}. */
    private PolicySnapshot awaitChange(String etag, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        synchronized (changed) {
            PolicySnapshot current = snapshot.get();
            while (current.etag().equals(etag) && System.nanoTime() < end) {
                changed.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                current = snapshot.get();
            }
            return current;
        }
    }

    List<SignInRecord> received() {
        return received;
    }

    /** Whether the sign-in record a block page or token error quotes has arrived, and names this policy as failed. */
    boolean logsABlockBy(BlockPage page, String policy) {
        return received.stream().anyMatch(r -> r.id().equals(page.requestId())
                && r.correlationId().equals(java.util.Optional.of(page.correlationId()))
                && r.policyOutcomes().stream().anyMatch(o -> o.displayName().equals(policy)
                        && o.result() == dev.portcullis.core.evaluation.PolicyOutcome.Result.FAILURE));
    }

    int notModifiedResponses() {
        return notModified;
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1.0/identity/conditionalAccess/snapshot", exchange -> {
            PolicySnapshot current = snapshot.get();
            String known = exchange.getRequestHeaders().getFirst("If-None-Match");
            String prefer = exchange.getRequestHeaders().getFirst("Prefer");
            if (holdsPulls && current != null && current.etag().equals(known) && prefer != null
                    && prefer.startsWith("wait=")) {
                try {
                    current = awaitChange(known, Long.parseLong(prefer.substring(5).trim()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseHeaders().add("Preference-Applied", prefer);
            }
            if (current == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (current.etag().equals(known)) {
                notModified++;
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] body = SnapshotEnvelope.seal(snapshots.write(current), key, Instant.now());
                exchange.getResponseHeaders().add("ETag", current.etag());
                exchange.getResponseHeaders().add("Content-Type", SnapshotEnvelope.MEDIA_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.createContext("/v1.0/auditLogs/signIns", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var parsed = signIns.readAll(body);
            if (parsed.ok()) {
                received.addAll(parsed.value());
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(400, -1);
            }
            exchange.close();
        });
        // Held pulls each take a thread until the next change.
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow(); // held pulls end
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
