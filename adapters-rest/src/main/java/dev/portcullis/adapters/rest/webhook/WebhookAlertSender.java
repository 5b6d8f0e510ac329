package dev.portcullis.adapters.rest.webhook;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.port.out.AlertDeliveryPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts alerts to a webhook, signed so the receiver can tell they are ours and fresh:
 * {@code X-Portcullis-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))} with the
 * timestamp (epoch seconds) in {@code X-Portcullis-Timestamp}. Failed deliveries are retried with
 * exponential backoff. {@link #deliver} only enqueues: a slow or dead receiver never holds up the
 * caller, and when too many alerts are pending new ones are dropped and counted, never queued
 * without bound.
 */
public final class WebhookAlertSender implements AlertDeliveryPort, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookAlertSender.class.getName());

    /** How often and how patiently to try. */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout) {
        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
        }

        public static Retry defaults() {
            return new Retry(6, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10));
        }

        Duration backoffBefore(int attempt) {
            long factor = 1L << Math.min(attempt - 2, 20);
            Duration backoff = initialBackoff.multipliedBy(factor);
            return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
        }
    }

    private final URI endpoint;
    private final SecretKeySpec key;
    private final Retry retry;
    private final Clock clock;
    private final Function<HighRiskAlert, byte[]> encoder;
    private final HttpClient client;
    private final ScheduledExecutorService executor;
    private final Semaphore pending;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public WebhookAlertSender(URI endpoint, byte[] secret, Retry retry, int maxPending, Clock clock,
            Function<HighRiskAlert, byte[]> encoder) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the webhook secret must be at least 16 bytes");
        }
        this.endpoint = endpoint;
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.retry = retry;
        this.clock = clock;
        this.encoder = encoder;
        this.pending = new Semaphore(maxPending);
        this.client = HttpClient.newBuilder().connectTimeout(retry.requestTimeout()).build();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "portcullis-alert-webhook");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void deliver(HighRiskAlert alert) {
        if (!pending.tryAcquire()) {
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "event=alert_dropped alert={0} reason=too_many_pending", alert.id());
            return;
        }
        byte[] body = encoder.apply(alert);
        executor.execute(() -> attempt(alert.id(), body, 1));
    }

    private void attempt(String alertId, byte[] body, int attempt) {
        String outcome;
        try {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(retry.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("X-Portcullis-Timestamp", timestamp)
                    .header("X-Portcullis-Signature", "sha256=" + sign(timestamp, body))
                    .header("X-Portcullis-Delivery", alertId + "/" + attempt)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                delivered.incrementAndGet();
                pending.release();
                LOG.log(Level.INFO, "event=alert_delivered alert={0} attempt={1}", new Object[] {alertId, attempt});
                return;
            }
            outcome = "status " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.release();
            return;
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        if (attempt >= retry.maxAttempts()) {
            abandoned.incrementAndGet();
            pending.release();
            LOG.log(Level.SEVERE, "event=alert_abandoned alert={0} attempts={1} last={2}",
                    new Object[] {alertId, attempt, outcome});
            return;
        }
        Duration backoff = retry.backoffBefore(attempt + 1);
        LOG.log(Level.WARNING, "event=alert_retry alert={0} attempt={1} last={2} next_in_ms={3}",
                new Object[] {alertId, attempt, outcome, backoff.toMillis()});
        executor.schedule(() -> attempt(alertId, body, attempt + 1), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The signature a receiver recomputes; public so receivers in Java can share the exact rule. */
    public String sign(String timestamp, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    public long delivered() {
        return delivered.get();
    }

    public long abandoned() {
        return abandoned.get();
    }

    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
