package dev.portcullis.adapters.rest.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A security team's webhook on loopback: what the control plane posts to it lands in {@link #RECEIVED}. */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    static final String SECRET = "a-webhook-secret-of-32-bytes-len";
    /** Test-only shared state: the receiver and the test run in one JVM. */
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            RECEIVED.add(exchange.getRequestHeaders().getFirst("X-Portcullis-Signature") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return Map.of("portcullis.alerts.webhook-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "portcullis.alerts.webhook-secret", SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
