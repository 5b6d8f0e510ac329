package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.adapters.keycloak.shipping.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the store fresh: pulls the snapshot from the control plane with a conditional GET (ETag /
 * If-None-Match, so an unchanged snapshot costs a 304), or re-reads a snapshot file when it
 * changes. Runs on its own thread; logins never wait for it.
 */
public final class SnapshotPuller implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SnapshotPuller.class.getName());

    private final SnapshotStore store;
    private final Optional<URI> url;
    private final Optional<Path> file;
    private final BearerToken bearerToken;
    private final Duration timeout;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private volatile String etag;
    private volatile long fileStamp = -1;
    private volatile boolean reachable = true;

    public SnapshotPuller(SnapshotStore store, Optional<URI> url, Optional<Path> file,
            BearerToken bearerToken, Duration timeout) {
        this.store = store;
        this.url = url;
        this.file = file;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "portcullis-snapshot");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One refresh now; used at start and by tests. */
    public void refresh() {
        file.ifPresent(this::readFile);
        url.ifPresent(this::pull);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=snapshot_refresh_failed error={0}", e.toString());
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

    private void pull(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        String known = store.active().isPresent() ? etag : null;
        if (known != null) {
            request.header("If-None-Match", known);
        }
        bearerToken.get().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (!reachable) {
                LOG.log(Level.INFO, "event=control_plane_reachable url={0}", uri);
                reachable = true;
            }
            if (response.statusCode() == 304) {
                return;
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                bearerToken.refused();
            }
            if (response.statusCode() != 200) {
                LOG.log(Level.WARNING, "event=snapshot_pull_refused url={0} status={1} effect=current_kept",
                        new Object[] {uri, response.statusCode()});
                return;
            }
            if (store.offer(response.body(), "control plane " + uri) || store.active().isPresent()) {
                etag = response.headers().firstValue("ETag").orElse(null);
            }
        } catch (IOException e) {
            if (reachable) {
                LOG.log(Level.WARNING, "event=control_plane_unreachable url={0} error={1} effect={2}", new Object[] {uri,
                        e.toString(), store.active().isPresent() ? "last_known_good_enforced" : "fail_secure_default"});
                reachable = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
