package dev.portcullis.adapters.keycloak.spi;

import dev.portcullis.adapters.keycloak.snapshot.FactStore;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The node's snapshot meters in Keycloak's own metrics ({@code --metrics-enabled=true}, on the
 * management port's {@code /metrics}): {@code portcullis_snapshot_refused_total{reason}},
 * {@code portcullis_snapshot_version}, {@code portcullis_facts_sequence} and
 * {@code portcullis_facts_refused_total}. Registered with the server, removed when it stops.
 */
final class SnapshotMetrics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SnapshotMetrics.class);

    private final MeterRegistry registry;
    private final List<Meter> meters;

    private SnapshotMetrics(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = meters;
    }

    static SnapshotMetrics register(SnapshotStore store, FactStore facts) {
        try {
            MeterRegistry registry = Metrics.globalRegistry;
            List<Meter> meters = new ArrayList<>();
            for (SnapshotStore.Refusal reason : SnapshotStore.Refusal.values()) {
                meters.add(FunctionCounter.builder("portcullis.snapshot.refused", store, s -> s.refused(reason))
                        .tag("reason", reason.tag())
                        .description("Snapshots this node refused: unsigned, wrongly signed, replayed, invalid")
                        .register(registry));
            }
            meters.add(Gauge.builder("portcullis.snapshot.version", store,
                    s -> s.active().map(a -> (double) a.snapshot().version()).orElse(-1.0))
                    .description("The snapshot version this node enforces; -1 while the fail-secure default is")
                    .register(registry));
            meters.add(Gauge.builder("portcullis.facts.sequence", facts,
                    f -> f.facts().map(held -> (double) held.sequence()).orElse(-1.0))
                    .description("The last fact feed change this node applied; -1 while it holds no facts")
                    .register(registry));
            meters.add(FunctionCounter.builder("portcullis.facts.refused", facts, FactStore::refused)
                    .description("Fact feed answers this node refused: unsigned, wrongly signed, invalid")
                    .register(registry));
            return new SnapshotMetrics(registry, meters);
        } catch (LinkageError e) {
            // A Keycloak without Micrometer: the counts stay in the server info (operational info) and the log.
            LOG.warnf("event=snapshot_metrics_unavailable error=%s", e.toString());
            return new SnapshotMetrics(null, List.of());
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            meters.forEach(registry::remove);
        }
    }
}
