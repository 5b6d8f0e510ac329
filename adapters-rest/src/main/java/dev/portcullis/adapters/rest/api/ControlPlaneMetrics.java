package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.FactFeedPort;
import dev.portcullis.core.port.out.SnapshotVersionPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * What an operator graphs (Prometheus, {@code /q/metrics}): decisions by result and where they were
 * made (a node's sign-in, a What-If), policy and location changes, alerts, and the snapshot version
 * nodes should converge on, and how many nodes wait for the next one.
 */
@ApplicationScoped
public class ControlPlaneMetrics {

    private final MeterRegistry registry;

    @Inject
    public ControlPlaneMetrics(MeterRegistry registry, SnapshotVersionPort versions, FactFeedPort facts,
            SnapshotChanges changes) {
        this.registry = registry;
        Gauge.builder("portcullis.snapshot.version", versions, SnapshotVersionPort::snapshotVersion)
                .description("The version of the snapshot Keycloak nodes pull").register(registry);
        Gauge.builder("portcullis.facts.sequence", facts, FactFeedPort::factSequence)
                .description("The last change in the fact feed (devices, user risk) Keycloak nodes follow").register(registry);
        Gauge.builder("portcullis.snapshot.waiting", changes, SnapshotChanges::waiting)
                .description("Snapshot requests held until the next version (about one per node)").register(registry);
    }

    /** @param source {@code signIn} (decided by a node) or {@code whatIf} */
    void decision(String source, String result) {
        Counter.builder("portcullis.decisions").description("Conditional Access decisions")
                .tag("source", source).tag("result", result).register(registry).increment();
    }

    void change(DocumentKind kind, String activity) {
        Counter.builder("portcullis.changes").description("Changes to policies, locations, strengths, devices, risk")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("activity", activity).register(registry)
                .increment();
    }

    void alertRaised() {
        Counter.builder("portcullis.alerts.raised").description("High-risk alerts raised").register(registry)
                .increment();
    }
}
