package dev.portcullis.adapters.rest.webhook;

import dev.portcullis.core.port.out.AlertDeliveryPort;
import dev.portcullis.graphjson.AlertCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The alert webhook, when {@code portcullis.alerts.webhook-url} and
 * {@code portcullis.alerts.webhook-secret} are set; without them alerts are only kept.
 */
@ApplicationScoped
public class WebhookConfiguration {

    @Produces
    @Singleton // not proxied: Optional is final
    Optional<AlertDeliveryPort> alertDelivery(
            @ConfigProperty(name = "portcullis.alerts.webhook-url") Optional<String> url,
            @ConfigProperty(name = "portcullis.alerts.webhook-secret") Optional<String> secret, Clock clock) {
        if (url.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookAlertSender(URI.create(url.get()), secret.get().getBytes(StandardCharsets.UTF_8),
                WebhookAlertSender.Retry.defaults(), 1000, clock, AlertCodec.instance()::bytes));
    }

    void close(@Disposes Optional<AlertDeliveryPort> delivery) {
        delivery.ifPresent(d -> {
            if (d instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }
        });
    }
}
