package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.out.FactFeedPort;
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
 * Nodes waiting for the next snapshot version or the next fact change (a long poll). A change made
 * through this control plane's API wakes them at once ({@link #changed()}); for every other change
 * (one made through another replica on the same database, user risk and alerts learnt from sign-ins)
 * one thread reads the version and the fact sequence every {@code portcullis.snapshot.watch-interval}
 * (500 ms) while anyone waits: the same reads per interval however many nodes wait.
 */
@ApplicationScoped
public class SnapshotChanges {

    private static final Logger LOG = Logger.getLogger(SnapshotChanges.class);

    /**
     * What a waiting node already has: the snapshot version, and the fact sequence when it follows the
     * fact feed ({@link #NOT_FOLLOWED} if not).
     */
    public record Known(long version, long factSequence) {

        public static final long NOT_FOLLOWED = -1;

        boolean movedOn(long latestVersion, long latestFactSequence) {
            return latestVersion != version || (factSequence != NOT_FOLLOWED && latestFactSequence != factSequence);
        }
    }

    private final SnapshotVersionPort versions;
    private final FactFeedPort facts;
    private final ScheduledExecutorService watcher;
    /** Each waiting node's future, with what it already has. */
    private final Map<CompletableFuture<Boolean>, Known> waiting = new ConcurrentHashMap<>();
    /** Whether the last watch failed: an outage is logged once, not every interval. */
    private volatile boolean failing;

    @Inject
    public SnapshotChanges(SnapshotVersionPort versions, FactFeedPort facts,
            @ConfigProperty(name = "portcullis.snapshot.watch-interval", defaultValue = "500ms") Duration interval) {
        this.versions = versions;
        this.facts = facts;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "portcullis-snapshot-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::watch, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True as soon as the snapshot or the facts moved on from {@code known}; false once {@code wait} has passed. */
    public CompletableFuture<Boolean> after(Known known, Duration wait) {
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        waiting.put(next, known);
        next.whenComplete((v, e) -> waiting.remove(next));
        next.completeOnTimeout(false, wait.toMillis(), TimeUnit.MILLISECONDS);
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
            long factSequence = facts.factSequence();
            if (failing) {
                LOG.info("event=snapshot_watch_recovered");
                failing = false;
            }
            waiting.forEach((future, known) -> {
                if (known.movedOn(version, factSequence)) {
                    future.complete(true);
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
        waiting.forEach((future, known) -> future.complete(false)); // stopping: every waiting node gets its 304 now
    }
}
