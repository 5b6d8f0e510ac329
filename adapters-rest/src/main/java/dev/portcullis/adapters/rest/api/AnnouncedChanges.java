package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.out.DocumentChangedPort;
import dev.portcullis.core.port.out.DocumentKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A change made here is counted, and the nodes waiting on this control plane hear of it now, not at the next watch. */
@ApplicationScoped
public class AnnouncedChanges implements DocumentChangedPort {

    private final ControlPlaneMetrics metrics;
    private final SnapshotChanges changes;

    @Inject
    public AnnouncedChanges(ControlPlaneMetrics metrics, SnapshotChanges changes) {
        this.metrics = metrics;
        this.changes = changes;
    }

    @Override
    public void changed(DocumentKind kind, String activity) {
        metrics.change(kind, activity);
        changes.changed();
    }
}
