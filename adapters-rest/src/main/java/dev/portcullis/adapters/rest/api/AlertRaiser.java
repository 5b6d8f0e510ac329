package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.port.out.AlertDeliveryPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.graphjson.GraphJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Raises an alert for every blocked high-risk sign-in in a batch a node shipped: kept for the API,
 * and pushed to the webhook (in the background) when one is configured.
 */
final class AlertRaiser {

    private final GraphJson json;
    private final SaveDocumentPort save;
    private final Optional<AlertDeliveryPort> delivery;
    private final ControlPlaneMetrics metrics;

    AlertRaiser(GraphJson json, SaveDocumentPort save, Optional<AlertDeliveryPort> delivery, ControlPlaneMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
        this.save = save;
        this.delivery = delivery;
    }

    void raiseFor(List<SignInRecord> records) {
        for (SignInRecord record : records) {
            // The alert id is the sign-in's: a node retrying a batch raises nothing twice.
            Optional<HighRiskAlert> alert = HighRiskAlert.forSignIn("alert-" + record.id(), Instant.now(), record);
            alert.ifPresent(a -> {
                String text = new String(json.bytes(json.writeAlertTree(a)), StandardCharsets.UTF_8);
                if (save.create(DocumentKind.ALERT, a.id(), a.userId(), text)
                        instanceof dev.portcullis.core.port.out.SaveResult.Saved) {
                    metrics.alertRaised();
                    delivery.ifPresent(d -> d.deliver(a));
                }
            });
        }
    }
}
