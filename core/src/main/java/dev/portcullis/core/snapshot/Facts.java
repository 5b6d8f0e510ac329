package dev.portcullis.core.snapshot;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.risk.RiskAssessment;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-entity facts a node decides with besides the policies: the device inventory and the
 * users at risk, as of one sequence number of the control plane's fact feed. They change often
 * (every MDM check-in that moves compliance, every risky sign-in), so they travel apart from the
 * policy snapshot: a node lists them once and then applies {@link FactFeed.Changes} in order.
 *
 * @param epoch the control plane database's epoch, as for snapshots: sequences count within it
 * @param sequence the last change these facts include
 * @param riskyUsers user risk by user id; users not listed carry no user risk
 */
public record Facts(String epoch, long sequence, DeviceInventory devices, Map<String, RiskAssessment> riskyUsers) {

    public Facts {
        Objects.requireNonNull(devices, "devices");
        riskyUsers = Map.copyOf(riskyUsers);
        if (!PolicySnapshot.validEpoch(epoch)) {
            throw new IllegalArgumentException("epoch must be 1 to 64 letters, digits or '-': " + epoch);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
    }

    /** The entity tag of these facts: within an epoch, a sequence names one state. */
    public String etag() {
        return PolicySnapshot.etag(epoch, sequence);
    }

    /**
     * These facts with the changes made, if the changes follow on from exactly these facts: same
     * epoch, and starting at this sequence. Anything else is a gap (or a replay), and the node lists
     * the facts afresh rather than guess.
     */
    public Optional<Facts> apply(FactFeed.Changes changes) {
        if (!changes.epoch().equals(epoch) || changes.since() != sequence) {
            return Optional.empty();
        }
        Map<String, Device> devices = new HashMap<>();
        this.devices.devices().forEach(d -> devices.put(d.id(), d));
        changes.removedDevices().forEach(devices::remove);
        changes.devices().forEach(d -> devices.put(d.id(), d));
        Map<String, RiskAssessment> risky = new HashMap<>(riskyUsers);
        changes.removedRiskyUsers().forEach(risky::remove);
        risky.putAll(changes.riskyUsers());
        return Optional.of(new Facts(epoch, changes.sequence(),
                new DeviceInventory(devices.values(), this.devices.maxCheckInAge()), risky));
    }
}
