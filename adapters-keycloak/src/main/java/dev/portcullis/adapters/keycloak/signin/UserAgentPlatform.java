package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.core.signin.DevicePlatform;
import java.util.Locale;
import java.util.Optional;

/**
 * The device platform a user agent names. Order matters: Android user agents say "Linux", iPads
 * may say "Macintosh" but carry "Mobile", Windows Phone says "Android" too. An agent that names
 * none is unknown (only a policy on {@code all} platforms covers it).
 */
public final class UserAgentPlatform {

    private UserAgentPlatform() {}

    public static Optional<DevicePlatform> of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.empty();
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("windows phone")) {
            return Optional.of(DevicePlatform.WINDOWS_PHONE);
        }
        if (ua.contains("android")) {
            return Optional.of(DevicePlatform.ANDROID);
        }
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")
                || (ua.contains("macintosh") && ua.contains("mobile/"))) {
            return Optional.of(DevicePlatform.IOS);
        }
        if (ua.contains("windows")) {
            return Optional.of(DevicePlatform.WINDOWS);
        }
        if (ua.contains("mac os x") || ua.contains("macintosh")) {
            return Optional.of(DevicePlatform.MACOS);
        }
        if (ua.contains("cros")) {
            return Optional.empty(); // ChromeOS has no Entra platform value
        }
        if (ua.contains("linux") || ua.contains("x11")) {
            return Optional.of(DevicePlatform.LINUX);
        }
        return Optional.empty();
    }
}
