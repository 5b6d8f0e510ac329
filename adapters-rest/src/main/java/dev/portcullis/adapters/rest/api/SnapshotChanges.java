package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.out.SnapshotVersionPort;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Nodes waiting for the next snapshot version (a long poll). A change made through this control
 * plane's API wakes them at once ({@link #changed()}); for every other change (one made through
 * another replica on the same database, user risk and alerts learnt from sign-ins) one thread reads
 * the version every {@code portcullis.snapshot.watch-interval} (500 ms) while anyone waits: one
 * single-row read per interval however many nodes wait.
 */
@ApplicationScoped
public class SnapshotChanges {

    private static final Logger LOG = Logger.getLogger(SnapshotChanges.class);

    private final SnapshotVersionPort versions;
    private final ScheduledExecutorService watcher;
    /** Each waiting node's future, with the version it already has. */
    private final Map<CompletableFuture<Long>, Long> waiting = new ConcurrentHashMap<>();
    /** Whether the last watch failed: an outage is logged once, not every interval. */
    private volatile boolean failing;

    @Inject
    public SnapshotChanges(SnapshotVersionPort versions,
            @ConfigProperty(name = "portcullis.snapshot.watch-interval", defaultValue = "500ms") Duration interval) {
        this.versions = versions;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "portcullis-snapshot-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::watch, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The version after {@code known}, as soon as there is one; {@code known} itself once {@code wait} has passed
     * without a change.
     */
    public CompletableFuture<Long> after(long known, Duration wait) {
        CompletableFuture<Long> next = new CompletableFuture<>();
        waiting.put(next, known);
        next.whenComplete((v, e) -> waiting.remove(next));
        next.completeOnTimeout(known, wait.toMillis(), TimeUnit.MILLISECONDS);
        return next;
    }

    /** A change was stored through this control plane: look at the version now rather than at the next watch. */
    public void changed() {
        if (!waiting.isEmpty()) {
            try {
                watcher.execute(this::watch);
            } catch (RejectedExecutionException stopping) {
                // stopping: the waiting nodes are answered by stop()
            }
        }
    }

    /** How many nodes wait now (for metrics and tests). */
    public int waiting() {
        return waiting.size();
    }

    private void watch() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            long version = versions.snapshotVersion();
            if (failing) {
                LOG.info("event=snapshot_watch_recovered");
                failing = false;
            }
            waiting.forEach((future, known) -> {
                if (known != version) {
                    future.complete(version);
                }
            });
        } catch (RuntimeException e) {
            // The database is away: the waits run out and the nodes keep what they have; say so once, and try again.
            if (!failing) {
                LOG.warnf("event=snapshot_watch_failed error=%s effect=waiting_nodes_answered_at_timeout", e.toString());
                failing = true;
            }
        }
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
        waiting.forEach((future, known) -> future.complete(known)); // stopping: every waiting node gets its 304 now
    }
}
