package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.adapters.keycloak.shipping.BearerToken;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.adapters.keycloak.controlplane.ControlPlaneEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the store fresh: pulls the signed snapshot from the control plane with a conditional GET
 * (ETag / If-None-Match, so an unchanged snapshot costs a 304), or re-reads a snapshot file when it
 * changes; the store verifies every one. Runs on its own thread; logins never wait for it.
 *
 * <p>The If-None-Match it sends is always the ETag of the snapshot the store holds (its epoch and
 * version, as signed), never an ETag a response carried: a refused snapshot's ETag would otherwise
 * make the control plane answer 304 to the node for good.
 *
 * <p>With a wait configured, the GET also says {@code Prefer: wait=N} (RFC 7240): a control plane
 * that honours it answers as soon as the snapshot changes, and the puller asks again at once, so a
 * policy change reaches the node in about a tenth of a second. A control plane that does not say
 * {@code Preference-Applied}, a failed request, or an answer that came back too fast to have waited
 * puts the puller back on its interval, so nothing ever spins.
 */
public final class SnapshotPuller implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SnapshotPuller.class.getName());
    /**
     * A larger body is refused unread. 195 policies are some 150 KB; but policies with 100,000 devices
     * and 100,000 users at risk make 83 MB (BENCHMARKS.md), which this refuses: facts that large wait
     * for the planned change feed, since one whole snapshot per change cannot carry them.
     */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    private final SnapshotStore store;
    /** Where snapshots are served, on whichever replica is current. */
    public static final String PATH = "/v1.0/identity/conditionalAccess/snapshot";

    private final Optional<ControlPlaneEndpoints> controlPlane;
    private final Optional<Path> file;
    private final BearerToken bearerToken;
    private final Duration timeout;
    private final Duration wait;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private volatile long fileStamp = -1;
    private volatile boolean reachable = true;

    /** @param wait how long the control plane may hold a pull until something changes; zero polls at the interval */
    public SnapshotPuller(SnapshotStore store, Optional<ControlPlaneEndpoints> controlPlane, Optional<Path> file,
            BearerToken bearerToken, Duration timeout, Duration wait) {
        this.store = store;
        this.controlPlane = controlPlane;
        this.file = file;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
        this.wait = wait;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "portcullis-snapshot");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start(Duration interval) {
        scheduler.execute(() -> cycle(interval));
    }

    /** One refresh now, never held by the control plane; used at start and by tests. */
    public void refresh() {
        refresh(Duration.ZERO);
    }

    /** Whether the control plane held the pull as asked (a snapshot file is re-read on the interval, never waited on). */
    private boolean refresh(Duration wait) {
        file.ifPresent(this::readFile);
        return controlPlane.map(replicas -> pull(replicas, file.isPresent() ? Duration.ZERO : wait)).orElse(false);
    }

    /** A scheduled refresh: again at once after a pull the control plane held, otherwise after the interval. */
    private void cycle(Duration interval) {
        boolean again = false;
        try {
            again = refresh(wait);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=snapshot_refresh_failed error={0}", e.toString());
        }
        try {
            scheduler.schedule(() -> cycle(interval), again ? 0 : interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing more to pull
        }
    }

    private void readFile(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                return;
            }
            long stamp = Files.getLastModifiedTime(path).toMillis() ^ Files.size(path);
            if (stamp == fileStamp) {
                return;
            }
            fileStamp = stamp;
            store.offer(Files.readAllBytes(path), "file " + path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=snapshot_file_unreadable path={0} error={1}", new Object[] {path, e});
        }
    }

    /** Whether the control plane held this pull as asked (so the next one may follow at once). */
    private boolean pull(ControlPlaneEndpoints replicas, Duration wait) {
        ControlPlaneEndpoints.Endpoint endpoint = replicas.resolve(PATH);
        URI uri = endpoint.uri();
        String known = store.active().map(a -> a.snapshot().etag()).orElse(null);
        boolean waiting = known != null && !wait.isZero();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(waiting ? timeout.plus(wait) : timeout).GET()
                .header("Accept", SnapshotEnvelope.MEDIA_TYPE);
        if (known != null) {
            request.header("If-None-Match", known);
        }
        if (waiting) {
            request.header("Prefer", "wait=" + wait.toSeconds());
        }
        bearerToken.get().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (!reachable) {
                LOG.log(Level.INFO, "event=control_plane_reachable url={0}", uri);
                reachable = true;
            }
            boolean held = waiting && response.headers().firstValue("Preference-Applied").isPresent();
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            if (response.statusCode() == 304) {
                // A 304 that took less than a second did not wait: back to the interval rather than asking in a loop.
                return held && Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(1)) >= 0;
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                bearerToken.refused();
            }
            if (response.statusCode() != 200) {
                LOG.log(Level.WARNING, "event=snapshot_pull_refused url={0} status={1} effect=current_kept",
                        new Object[] {uri, response.statusCode()});
                if (response.statusCode() / 100 == 5) {
                    replicas.unreachable(endpoint); // a replica going down: the next pull asks another
                }
                return false;
            }
            if (body.length > MAX_BYTES) {
                LOG.log(Level.WARNING, "event=snapshot_pull_refused url={0} reason=too_large limit_bytes={1} effect=current_kept",
                        new Object[] {uri, String.valueOf(MAX_BYTES)});
                return false;
            }
            // A new version taken: the next pull waits for the one after it. Anything else goes back to the interval.
            return store.offer(body, "control plane " + uri) && held;
        } catch (IOException e) {
            replicas.unreachable(endpoint);
            if (reachable) {
                LOG.log(Level.WARNING, "event=control_plane_unreachable url={0} error={1} effect={2}", new Object[] {uri,
                        e.toString(), store.active().isPresent() ? "last_known_good_enforced" : "fail_secure_default"});
                reachable = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
