package dev.portcullis.core.signin;

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
     */
    record Known(
            String deviceId,
            boolean compliant,
            boolean managed,
            String ownership,
            String trustType,
            Optional<DevicePlatform> operatingSystem) implements DeviceState {}

    DeviceState UNKNOWN = new Unknown();

    default boolean isCompliant() {
        return this instanceof Known known && known.compliant();
    }
}
