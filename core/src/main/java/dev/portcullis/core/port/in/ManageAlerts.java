package dev.portcullis.core.port.in;

import dev.portcullis.core.alert.HighRiskAlert;
import java.util.List;
import java.util.Objects;

/** The high-risk alerts raised from blocked sign-ins, and the security team's acknowledgement of them. */
public interface ManageAlerts {

    /** Newest first. */
    List<HighRiskAlert> list();

    /** @param comment what they concluded, as the front end read it */
    record Acknowledge(String alertId, Checked<String> comment, String actor) {
        public Acknowledge {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(actor, "actor");
        }
    }

    DocumentResult<HighRiskAlert> acknowledge(Acknowledge command);
}
