package dev.portcullis.adapters.rest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.graphjson.AlertCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery, retry and signature against a real HTTP receiver on loopback. */
class WebhookAlertSenderTest {

    private static final byte[] SECRET = "a-webhook-secret-of-32-bytes-len".getBytes(StandardCharsets.US_ASCII);
    private static final WebhookAlertSender.Retry FAST = new WebhookAlertSender.Retry(4, Duration.ofMillis(20),
            Duration.ofMillis(100), Duration.ofSeconds(5));
    private final AlertCodec alerts = AlertCodec.instance();
    private HttpServer receiver;

    record Received(String timestamp, String signature, String delivery, byte[] body) {}

    private URI start(int failFirst, CountDownLatch hold, BlockingQueue<Received> received) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Portcullis-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Portcullis-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Portcullis-Delivery"), body));
            int status = calls.incrementAndGet() <= failFirst ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static HighRiskAlert alert() {
        return new HighRiskAlert("alert-1", Instant.parse("2026-11-24T02:00:00Z"), "signin-9", "accountant", "finance-app",
                Optional.of("203.0.113.50"), Optional.of("BR"),
                List.of("unfamiliarCountry: no sign-in from BR in the last 90 days", "unusualHours: 03:00 in Europe/Berlin"),
                List.of("Block high-risk sign-ins: blocked by policy"), Optional.empty());
    }

    @Test
    void anAlertIsDeliveredAfterRetriesWithASignatureTheReceiverCanCheck() throws Exception {
        BlockingQueue<Received> received = new ArrayBlockingQueue<>(10);
        URI hook = start(2, new CountDownLatch(0), received);
        try (WebhookAlertSender sender = new WebhookAlertSender(hook, SECRET, FAST, 100, Clock.systemUTC(), alerts::bytes)) {
            sender.deliver(alert());

            Received first = received.poll(10, TimeUnit.SECONDS);
            Received second = received.poll(10, TimeUnit.SECONDS);
            Received third = received.poll(10, TimeUnit.SECONDS);
            assertThat(List.of(first.delivery(), second.delivery(), third.delivery()))
                    .containsExactly("alert-1/1", "alert-1/2", "alert-1/3");
            assertThat(third.signature()).isEqualTo("sha256=" + sender.sign(third.timestamp(), third.body()));
            assertThat(third.signature()).isNotEqualTo("sha256=" + sender.sign(third.timestamp(), "{}".getBytes()));
            String body = new String(third.body(), StandardCharsets.UTF_8);
            assertThat(body).contains("\"type\":\"highRiskSignInBlocked\"", "\"userId\":\"accountant\"", "unusualHours");
            waitFor(() -> sender.delivered() == 1);
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("no delivery after success").isNull();
        }
    }

    @Test
    void aReceiverThatNeverRecoversIsGivenUpOnAfterTheLastAttempt() throws Exception {
        BlockingQueue<Received> received = new ArrayBlockingQueue<>(10);
        URI hook = start(Integer.MAX_VALUE, new CountDownLatch(0), received);
        try (WebhookAlertSender sender = new WebhookAlertSender(hook, SECRET, FAST, 100, Clock.systemUTC(), alerts::bytes)) {
            sender.deliver(alert());
            waitFor(() -> sender.abandoned() == 1);
            assertThat(received).hasSize(FAST.maxAttempts());
        }
    }

    @Test
    void deliveringNeverWaitsForTheReceiverAndTooManyPendingAreDroppedAndCounted() throws Exception {
        BlockingQueue<Received> received = new ArrayBlockingQueue<>(10);
        CountDownLatch hold = new CountDownLatch(1);
        URI hook = start(0, hold, received);
        try (WebhookAlertSender sender = new WebhookAlertSender(hook, SECRET, FAST, 2, Clock.systemUTC(), alerts::bytes)) {
            sender.deliver(alert());
            sender.deliver(alert());
            sender.deliver(alert()); // the receiver is still holding the first request
            assertThat(sender.dropped()).isEqualTo(1);
            assertThat(received).as("deliver() returned while the receiver was still busy").isEmpty();
            hold.countDown();
            waitFor(() -> sender.delivered() == 2);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }
}
