package dev.portcullis.core.service;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageAlerts;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Alerts newest first; an acknowledgement says who looked, when, and what they concluded. */
public final class AlertsService implements ManageAlerts {

    private final DocumentStore<HighRiskAlert> alerts;
    private final Clock clock;

    public AlertsService(DocumentStore<HighRiskAlert> alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public List<HighRiskAlert> list() {
        return alerts.all().stream().map(Stored::value)
                .sorted(Comparator.comparing(HighRiskAlert::raisedAt).reversed()).toList();
    }

    @Override
    public DocumentResult<HighRiskAlert> acknowledge(Acknowledge command) {
        Optional<Stored<HighRiskAlert>> stored = alerts.find(command.alertId());
        if (stored.isEmpty()) {
            return new DocumentResult.NotFound<>("alert '" + command.alertId() + "'");
        }
        if (!command.comment().ok()) {
            return new DocumentResult.Invalid<>(command.comment().errors());
        }
        HighRiskAlert acknowledged = stored.get().value()
                .acknowledged(command.actor(), clock.instant(), command.comment().value().orElseThrow());
        SaveResult<HighRiskAlert> result = alerts.replace(command.alertId(), stored.get().version(),
                acknowledged.userId(), acknowledged);
        if (result instanceof SaveResult.VersionConflict<HighRiskAlert> conflict) {
            return new DocumentResult.Stale<>(conflict.currentVersion());
        }
        long version = result instanceof SaveResult.Saved<HighRiskAlert> saved
                ? saved.document().version() : stored.get().version();
        return new DocumentResult.Written<>(new Versioned<>(command.alertId(), acknowledged, Optional.of(version)),
                false, List.of());
    }
}
