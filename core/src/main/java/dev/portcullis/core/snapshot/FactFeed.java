package dev.portcullis.core.snapshot;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.risk.RiskAssessment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a node receives from the fact feed, like a Kubernetes list-then-watch: the whole
 * {@link Listing} once (and again after a gap or an epoch change), then {@link Changes} that each
 * carry every entity changed since the sequence the node has, as it is now.
 */
public sealed interface FactFeed {

    String epoch();

    /** The last change this answer includes: the node asks for what comes after it next. */
    long sequence();

    /** Every fact, as of {@code facts.sequence()}. */
    record Listing(Facts facts) implements FactFeed {

        public Listing {
            Objects.requireNonNull(facts, "facts");
        }

        @Override
        public String epoch() {
            return facts.epoch();
        }

        @Override
        public long sequence() {
            return facts.sequence();
        }
    }

    /**
     * The entities changed after {@code since} up to {@code sequence}, each as it is now: a device
     * or a user at risk to put, or an id to remove (a deleted device, a user no longer at risk).
     */
    record Changes(String epoch, long since, long sequence, List<Device> devices, Set<String> removedDevices,
            Map<String, RiskAssessment> riskyUsers, Set<String> removedRiskyUsers) implements FactFeed {

        public Changes {
            Objects.requireNonNull(epoch, "epoch");
            devices = List.copyOf(devices);
            removedDevices = Set.copyOf(removedDevices);
            riskyUsers = Map.copyOf(riskyUsers);
            removedRiskyUsers = Set.copyOf(removedRiskyUsers);
            if (since < 0 || sequence < since) {
                throw new IllegalArgumentException("expected 0 <= since <= sequence: " + since + ", " + sequence);
            }
        }
    }
}
