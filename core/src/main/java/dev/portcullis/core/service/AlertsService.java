package dev.portcullis.core.service;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageAlerts;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.port.out.DocumentCodec;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Alerts newest first; an acknowledgement says who looked, when, and what they concluded. */
public final class AlertsService implements ManageAlerts {

    private final LoadDocumentsPort load;
    private final SaveDocumentPort save;
    private final DocumentCodec<HighRiskAlert> codec;
    private final Clock clock;

    public AlertsService(LoadDocumentsPort load, SaveDocumentPort save, DocumentCodec<HighRiskAlert> codec, Clock clock) {
        this.load = load;
        this.save = save;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public List<HighRiskAlert> list() {
        return load.loadAll(DocumentKind.ALERT).stream().map(doc -> codec.decode(doc.json()))
                .sorted(Comparator.comparing(HighRiskAlert::raisedAt).reversed()).toList();
    }

    @Override
    public DocumentResult<HighRiskAlert> acknowledge(Acknowledge command) {
        Optional<StoredDocument> stored = load.load(DocumentKind.ALERT, command.alertId());
        if (stored.isEmpty()) {
            return new DocumentResult.NotFound<>("alert '" + command.alertId() + "'");
        }
        if (!command.comment().ok()) {
            return new DocumentResult.Invalid<>(command.comment().errors());
        }
        HighRiskAlert acknowledged = codec.decode(stored.get().json())
                .acknowledged(command.actor(), clock.instant(), command.comment().value().orElseThrow());
        SaveResult result = save.replace(DocumentKind.ALERT, command.alertId(), stored.get().version(),
                acknowledged.userId(), codec.encode(acknowledged));
        if (result instanceof SaveResult.VersionConflict conflict) {
            return new DocumentResult.Stale<>(conflict.currentVersion());
        }
        long version = result instanceof SaveResult.Saved saved ? saved.document().version() : stored.get().version();
        return new DocumentResult.Written<>(new Versioned<>(command.alertId(), acknowledged, Optional.of(version)),
                false, List.of());
    }
}
