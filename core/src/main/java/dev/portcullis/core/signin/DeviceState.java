package dev.portcullis.core.signin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device signing in, as far as a trustworthy source knows it. {@link Unknown} is never treated
 * as compliant.
 */
public sealed interface DeviceState {

    record Unknown() implements DeviceState {}

    /**
     * @param ownership {@code Company} or {@code Personal} (Graph's deviceOwnership)
     * @param trustType for example {@code AzureAD}, {@code ServerAD}, {@code Workplace}; free text
     * @param attributes the other properties a device filter may read, by Graph's name
     *     ({@code displayName}, {@code model}, {@code extensionAttribute1}, {@code systemLabels}, ...)
     */
    record Known(
            String deviceId,
            boolean compliant,
            boolean managed,
            String ownership,
            String trustType,
            Optional<DevicePlatform> operatingSystem,
            Map<String, List<String>> attributes) implements DeviceState {

        public Known {
            attributes = Map.copyOf(attributes);
        }

        public Known(String deviceId, boolean compliant, boolean managed, String ownership, String trustType,
                Optional<DevicePlatform> operatingSystem) {
            this(deviceId, compliant, managed, ownership, trustType, operatingSystem, Map.of());
        }
    }

    DeviceState UNKNOWN = new Unknown();

    default boolean isCompliant() {
        return this instanceof Known known && known.compliant();
    }
}
