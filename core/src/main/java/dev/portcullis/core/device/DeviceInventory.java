package dev.portcullis.core.device;

import dev.portcullis.core.signin.DeviceState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devices Portcullis knows, and the state of the one signing in. Only a device whose identity
 * was proven (a verified device certificate) is looked up; a claim nobody proved is unknown. A
 * device the MDM has not vouched for within {@code maxCheckInAge} counts as not compliant.
 */
public final class DeviceInventory {

    /**
     * How long an MDM's last check-in vouches for a device: what the control plane publishes, and
     * what it judges a routine check-in against.
     */
    public static final Duration MAX_CHECK_IN_AGE = Duration.ofDays(30);

    private final Map<String, Device> devices;
    private final Duration maxCheckInAge;

    public DeviceInventory(Collection<Device> devices, Duration maxCheckInAge) {
        Map<String, Device> byId = new LinkedHashMap<>();
        devices.forEach(d -> byId.put(d.id(), d));
        this.devices = Map.copyOf(byId);
        this.maxCheckInAge = maxCheckInAge;
    }

    public static DeviceInventory empty() {
        return new DeviceInventory(List.of(), MAX_CHECK_IN_AGE);
    }

    public Duration maxCheckInAge() {
        return maxCheckInAge;
    }

    public Collection<Device> devices() {
        return devices.values();
    }

    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** @param provenDeviceId the device id from a verified credential, empty if none was presented */
    public DeviceState stateOf(Optional<String> provenDeviceId, Instant now) {
        if (provenDeviceId.isEmpty()) {
            return DeviceState.UNKNOWN;
        }
        Device device = devices.get(provenDeviceId.get());
        if (device == null) {
            return DeviceState.UNKNOWN;
        }
        boolean fresh = !device.lastCheckIn().isBefore(now.minus(maxCheckInAge));
        Map<String, List<String>> attributes = new LinkedHashMap<>(device.attributes());
        attributes.put("displayName", List.of(device.displayName()));
        return new DeviceState.Known(device.id(), device.compliant() && fresh, device.managed(), device.ownership(),
                device.trustType(), device.operatingSystem(), attributes);
    }
}
