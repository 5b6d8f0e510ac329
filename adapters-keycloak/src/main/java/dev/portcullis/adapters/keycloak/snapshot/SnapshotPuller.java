package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.adapters.keycloak.shipping.BearerToken;
import dev.portcullis.graphjson.FactFeedCodec;
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
import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>When the snapshot says its facts travel in the fact feed, each pull then asks the feed for the
 * changes after the facts held (or the listing, when none are held or changes did not follow on),
 * and a held pull names the facts held so that a fact change ends the wait too.
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
     * A larger body is refused unread. 195 policies are some 150 KB, 10,000 policies some 20 MB; the
     * facts travel in the fact feed, whose listing of 100,000 devices and 100,000 users at risk is
     * within this too (BENCHMARKS.md), and whose changes are a few hundred bytes each.
     */
    static final int MAX_BYTES = 32 * 1024 * 1024;
    /**
     * The fact feed's listing may be larger: 100,000 devices and 100,000 users at risk are 74 MB signed
     * (BENCHMARKS.md). A node reads it once at start, after a gap, and every 1,000 changes.
     */
    static final int MAX_FACTS_BYTES = 256 * 1024 * 1024;

    private final SnapshotStore store;
    private final Optional<FactStore> facts;
    /** Where snapshots are served, on whichever replica is current. */
    public static final String PATH = "/v1.0/identity/conditionalAccess/snapshot";
    /** Where the fact feed is served. */
    public static final String FACTS_PATH = "/v1.0/identity/conditionalAccess/facts";

    private final Optional<ControlPlaneEndpoints> controlPlane;
    private final Optional<Path> file;
    private final BearerToken bearerToken;
    private final Duration timeout;
    private final Duration wait;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private volatile long fileStamp = -1;
    private volatile boolean reachable = true;

    /** A puller of snapshots only: facts that travel in the fact feed stay unknown to it. */
    public SnapshotPuller(SnapshotStore store, Optional<ControlPlaneEndpoints> controlPlane, Optional<Path> file,
            BearerToken bearerToken, Duration timeout, Duration wait) {
        this(store, Optional.empty(), controlPlane, file, bearerToken, timeout, wait);
    }

    /**
     * @param facts where the fact feed's answers go, when the snapshot says the facts travel there
     * @param wait how long the control plane may hold a pull until something changes; zero polls at the interval
     */
    public SnapshotPuller(SnapshotStore store, Optional<FactStore> facts, Optional<ControlPlaneEndpoints> controlPlane,
            Optional<Path> file, BearerToken bearerToken, Duration timeout, Duration wait) {
        this.store = store;
        this.facts = facts;
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

    /** One answer from the current replica: its status, its body, and whether it held the request as asked. */
    private record Fetched(int status, byte[] body, boolean held, Duration took, URI uri) {}

    /**
     * Whether the control plane held this pull as asked, and something came of it (so the next one may
     * follow at once): a new snapshot, new facts, or a wait that ran its course.
     */
    private boolean pull(ControlPlaneEndpoints replicas, Duration wait) {
        String known = store.active().map(a -> a.snapshot().etag()).orElse(null);
        boolean waiting = known != null && !wait.isZero();
        Map<String, String> headers = new LinkedHashMap<>();
        if (known != null) {
            headers.put("If-None-Match", known);
        }
        // A node that follows the fact feed is woken by a fact change too: it says which facts it has.
        facts.filter(f -> followsFactFeed()).flatMap(FactStore::knownEtag).ifPresent(k -> headers.put(FactFeedCodec.KNOWN_FACTS_HEADER, k));
        Optional<Fetched> fetched = get(replicas, PATH, "snapshot", MAX_BYTES, headers, waiting ? wait : Duration.ZERO);
        if (fetched.isEmpty()) {
            return false;
        }
        Fetched answer = fetched.get();
        boolean again = false;
        if (answer.status() == 304) {
            // A 304 that took less than a second did not wait: back to the interval rather than asking in a loop.
            again = answer.held() && answer.took().compareTo(Duration.ofSeconds(1)) >= 0;
        } else if (answer.status() == 200) {
            // A new version taken: the next pull waits for the one after it.
            again = store.offer(answer.body(), "control plane " + answer.uri()) && answer.held();
        }
        boolean newFacts = pullFacts(replicas);
        return again || (answer.held() && newFacts);
    }

    private boolean followsFactFeed() {
        return store.active().map(a -> a.snapshot().factFeed()).orElse(false);
    }

    /**
     * The facts after those held (never held: a wait on the snapshot covers them); the listing when
     * none are held or the changes did not follow on. Whether new facts were taken.
     */
    private boolean pullFacts(ControlPlaneEndpoints replicas) {
        if (facts.isEmpty() || !followsFactFeed()) {
            return false;
        }
        Optional<String> known = facts.get().knownEtag();
        Optional<FactStore.Outcome> outcome = fetchFacts(replicas, known);
        if (outcome.filter(FactStore.Outcome.OUT_OF_STEP::equals).isPresent() && known.isPresent()) {
            outcome = fetchFacts(replicas, Optional.empty());
        }
        return outcome.filter(FactStore.Outcome.TAKEN::equals).isPresent();
    }

    /** What the fact store made of the feed's answer; empty when there was none to offer (a 304, a failure). */
    private Optional<FactStore.Outcome> fetchFacts(ControlPlaneEndpoints replicas, Optional<String> known) {
        return get(replicas, FACTS_PATH, "facts", MAX_FACTS_BYTES,
                known.map(k -> Map.of("If-None-Match", k)).orElse(Map.of()), Duration.ZERO)
                .filter(answer -> answer.status() == 200)
                .map(answer -> facts.get().offer(answer.body(), "control plane " + answer.uri()));
    }

    /** A GET to the replica that is current; empty when none answered, or answered with what no node reads. */
    private Optional<Fetched> get(ControlPlaneEndpoints replicas, String path, String what, int limit,
            Map<String, String> headers, Duration wait) {
        ControlPlaneEndpoints.Endpoint endpoint = replicas.resolve(path);
        URI uri = endpoint.uri();
        boolean waiting = !wait.isZero();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(waiting ? timeout.plus(wait) : timeout).GET()
                .header("Accept", SnapshotEnvelope.MEDIA_TYPE);
        headers.forEach(request::header);
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
                body = in.readNBytes(limit + 1);
            }
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                bearerToken.refused();
            }
            if (status != 200 && status != 304) {
                LOG.log(Level.WARNING, "event={0}_pull_refused url={1} status={2} effect=current_kept",
                        new Object[] {what, uri, status});
                if (status / 100 == 5) {
                    replicas.unreachable(endpoint); // a replica going down: the next pull asks another
                }
                return Optional.empty();
            }
            if (body.length > limit) {
                LOG.log(Level.WARNING, "event={0}_pull_refused url={1} reason=too_large limit_bytes={2} effect=current_kept",
                        new Object[] {what, uri, String.valueOf(limit)});
                return Optional.empty();
            }
            return Optional.of(new Fetched(status, body, held, Duration.ofNanos(System.nanoTime() - started), uri));
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
        return Optional.empty();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
