package dev.portcullis.core.port.out;

import dev.portcullis.core.alert.HighRiskAlert;

/** Pushes an alert to the security team. Must return at once: delivery happens in the background. */
public interface AlertDeliveryPort {

    void deliver(HighRiskAlert alert);
}
