package dev.portcullis.adapters.keycloak.shipping;

import dev.portcullis.adapters.keycloak.controlplane.ControlPlaneEndpoints;
import dev.portcullis.core.signinlog.SignInRecord;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ships sign-in records to the control plane in batches, from a bounded queue, on its own thread.
 * {@link #record} never blocks and never fails a login: when the queue is full the record is dropped
 * and counted; when the control plane is down the batch is retried with backoff, and records that
 * keep failing are dropped and counted rather than piling up.
 */
public final class SignInShipper implements SignInRecorder, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SignInShipper.class.getName());
    private static final int BATCH = 100;

    /** Where sign-in records are posted, on whichever replica is current. */
    public static final String PATH = "/v1.0/auditLogs/signIns";

    private final ControlPlaneEndpoints controlPlane;
    private final BearerToken bearerToken;
    private final Function<List<SignInRecord>, byte[]> encoder;
    private final BlockingQueue<Supplier<SignInRecord>> queue;
    private final HttpClient client;
    private final Duration timeout;
    private final Duration linger;
    private final Thread worker;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    public SignInShipper(ControlPlaneEndpoints controlPlane, BearerToken bearerToken,
            Function<List<SignInRecord>, byte[]> encoder, int capacity, Duration timeout, Duration linger) {
        this.controlPlane = controlPlane;
        this.bearerToken = bearerToken;
        this.encoder = encoder;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.timeout = timeout;
        this.linger = linger;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.worker = new Thread(this::run, "portcullis-signin-shipper");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Queues a record. It is built here, on the shipper's thread, not on the login's: explaining
     * every policy's outcome costs more than the decision itself, and no login should pay for it.
     */
    @Override
    public void record(Supplier<SignInRecord> record) {
        if (!queue.offer(record)) {
            long total = dropped.incrementAndGet();
            if (Long.bitCount(total) == 1) { // log at 1, 2, 4, 8, ... so a flood does not flood the log
                LOG.log(Level.WARNING, "event=signin_records_dropped total={0} reason=queue_full", total);
            }
        }
    }

    public long shipped() {
        return shipped.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<SignInRecord> batch = new ArrayList<>(BATCH);
        try {
            ship(batch);
        } finally {
            // Closing (or interrupted): what is in hand and still queued goes out once more, so that a
            // node stopped gracefully loses nothing the control plane can take; then the totals, which
            // a stopped node's log keeps (ClusterContainersIT compares them with the sign-in log).
            flush(batch);
            LOG.log(Level.INFO, "event=signin_shipper_closed shipped={0} dropped={1}",
                    new Object[] {Long.toString(shipped.get()), Long.toString(dropped.get())});
        }
    }

    private void ship(List<SignInRecord> batch) {
        long backoffMillis = 500;
        int failures = 0;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    Supplier<SignInRecord> first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    gather(first).forEach(record -> batch.add(record.get()));
                }
                // Interrupted while gathering (closing): the caller sends what is in hand.
                if (Thread.interrupted()) {
                    return;
                }
                if (post(batch)) {
                    shipped.addAndGet(batch.size());
                    batch.clear();
                    backoffMillis = 500;
                    failures = 0;
                } else {
                    failures++;
                    if (failures >= 10) {
                        dropped.addAndGet(batch.size());
                        LOG.log(Level.WARNING, "event=signin_records_dropped count={0} reason=control_plane_unavailable",
                                batch.size());
                        batch.clear();
                        failures = 0;
                    }
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 30_000);
                }
            } catch (InterruptedException e) {
                return; // closing: the caller sends what is in hand
            }
        }
    }

    /** The batch in hand and what is still queued, two attempts a request; what fails to go is dropped and counted. */
    private void flush(List<SignInRecord> batch) {
        // The interrupt was the signal to close, taken; left set, it would fail these requests before they start.
        Thread.interrupted();
        List<Supplier<SignInRecord>> queued = new ArrayList<>();
        queue.drainTo(queued);
        queued.forEach(record -> batch.add(record.get()));
        for (int from = 0; from < batch.size(); from += BATCH) {
            List<SignInRecord> part = new ArrayList<>(batch.subList(from, Math.min(batch.size(), from + BATCH)));
            if (sentOnClose(part)) {
                shipped.addAndGet(part.size()); // none if the control plane refused them for good (counted then)
            } else {
                dropped.addAndGet(part.size());
            }
        }
        batch.clear();
    }

    /**
     * Two attempts: closing's interrupt comes once but may land on the first (the worker can see
     * {@code running} false before it arrives), and a request it cut short may have left its
     * connection broken for the next.
     */
    private boolean sentOnClose(List<SignInRecord> part) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (post(part)) {
                    return true;
                }
            } catch (InterruptedException e) {
                // the signal to close, taken: try again
            }
        }
        return false;
    }

    /**
     * The first record and whatever follows within the linger, up to a batch: one request per batch
     * instead of one per login. At 20 logins/s a request per login cost the control plane about
     * 8 ms of CPU per login (benchmarks/load/logins.sh); the sign-in log can wait a second.
     */
    private List<Supplier<SignInRecord>> gather(Supplier<SignInRecord> first) {
        List<Supplier<SignInRecord>> pending = new ArrayList<>(BATCH);
        pending.add(first);
        long until = System.nanoTime() + linger.toNanos();
        while (pending.size() < BATCH) {
            queue.drainTo(pending, BATCH - pending.size());
            long left = until - System.nanoTime();
            if (pending.size() >= BATCH || left <= 0) {
                break;
            }
            try {
                Supplier<SignInRecord> next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                pending.add(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closing: the caller sends what was gathered
                break;
            }
        }
        return pending;
    }

    private boolean post(List<SignInRecord> batch) throws InterruptedException {
        ControlPlaneEndpoints.Endpoint endpoint = controlPlane.resolve(PATH);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri()).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(encoder.apply(batch)));
            bearerToken.get().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return true;
            }
            LOG.log(Level.WARNING, "event=signin_records_refused status={0} count={1}", new Object[] {status, batch.size()});
            if (status / 100 == 5) {
                controlPlane.unreachable(endpoint); // a replica going down: the retry goes to another
            }
            if (status == 401 || status == 403) {
                bearerToken.refused(); // a token without the node role yet: ask for a new one, keep the records
                return false;
            }
            if (status / 100 == 4 && status != 408 && status != 429) {
                dropped.addAndGet(batch.size()); // the control plane will never accept these: do not retry
                batch.clear();
                return true;
            }
            return false;
        } catch (java.io.IOException e) {
            controlPlane.unreachable(endpoint); // kept, and retried on the next replica
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            // The last records go out before the server stops: each request is bounded by the timeout.
            worker.join(timeout.multipliedBy(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
