package dev.portcullis.core.device;

import dev.portcullis.core.signin.DevicePlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device in the inventory, as an MDM integration last reported it (Graph's device resource:
 * {@code isCompliant}, {@code isManaged}, {@code trustType}, {@code deviceOwnership}).
 *
 * @param lastCheckIn when the MDM last vouched for the device; a stale report is not trusted
 * @param attributes further Graph device properties a device filter may read ({@code manufacturer},
 *     {@code model}, {@code extensionAttribute1..15}, {@code systemLabels}, ...), by Graph's name
 */
public record Device(
        String id,
        String displayName,
        Optional<String> ownerUserId,
        Optional<DevicePlatform> operatingSystem,
        boolean compliant,
        boolean managed,
        String trustType,
        String ownership,
        Instant lastCheckIn,
        Map<String, List<String>> attributes) {

    public Device(String id, String displayName, Optional<String> ownerUserId, Optional<DevicePlatform> operatingSystem,
            boolean compliant, boolean managed, String trustType, String ownership, Instant lastCheckIn) {
        this(id, displayName, ownerUserId, operatingSystem, compliant, managed, trustType, ownership, lastCheckIn,
                Map.of());
    }

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(lastCheckIn, "lastCheckIn");
        trustType = trustType == null ? "" : trustType;
        ownership = ownership == null ? "unknown" : ownership;
        attributes = Map.copyOf(attributes);
    }

    /**
     * Whether this report of the device changes nothing a policy reads, against what is stored: the
     * same device in every property, its check-in moved forward by less than a quarter of the
     * freshness window. Storing it would move the snapshot's version and send every node the whole
     * snapshot again for nothing; keeping the stored check-in instead can only make the device turn
     * stale sooner, never later (fail secure), and by less than a quarter of the window.
     */
    public boolean isRoutineCheckInOf(Device stored, Duration maxCheckInAge) {
        Duration moved = Duration.between(stored.lastCheckIn(), lastCheckIn);
        return !moved.isNegative() && moved.compareTo(maxCheckInAge.dividedBy(4)) < 0
                && withLastCheckIn(stored.lastCheckIn()).equals(stored);
    }

    public Device withLastCheckIn(Instant checkIn) {
        return new Device(id, displayName, ownerUserId, operatingSystem, compliant, managed, trustType, ownership, checkIn,
                attributes);
    }
}
