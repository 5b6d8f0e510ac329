package dev.portcullis.core.signinlog;

import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.SignIn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The device of a sign-in as Entra's sign-in log shows it ({@code deviceDetail}): the platform the
 * browser reported, and the device a verified certificate proved, with what the inventory said of
 * it at that moment. A device nobody proved has no id and is neither compliant nor managed.
 */
public record DeviceDetail(Optional<DevicePlatform> operatingSystem, Optional<String> deviceId,
        Optional<String> displayName, boolean isCompliant, boolean isManaged, String trustType) {

    public DeviceDetail {
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(displayName, "displayName");
        trustType = trustType == null ? "" : trustType;
    }

    /** Only the platform the browser reported: no device was proven. */
    public static DeviceDetail unproven(Optional<DevicePlatform> operatingSystem) {
        return new DeviceDetail(operatingSystem, Optional.empty(), Optional.empty(), false, false, "");
    }

    public static DeviceDetail of(SignIn signIn) {
        if (signIn.device() instanceof DeviceState.Known known) {
            Optional<String> name = Optional.ofNullable(known.attributes().get("displayName"))
                    .flatMap((List<String> names) -> names.stream().findFirst());
            return new DeviceDetail(signIn.platform(), Optional.of(known.deviceId()), name, known.compliant(),
                    known.managed(), known.trustType());
        }
        return unproven(signIn.platform());
    }
}
