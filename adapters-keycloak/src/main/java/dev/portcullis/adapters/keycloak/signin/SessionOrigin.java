package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.policy.GraphNamed;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.SignIn;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the login behind a user session came from: the kind of client, the user's address and
 * platform, and the device it proved. Kept in a user-session note by every login Portcullis
 * evaluates, so a later token request that the application's server makes (not the user's device)
 * is judged on the user's device, and a refresh of a password-grant session stays legacy
 * authentication.
 */
public record SessionOrigin(ClientAppType appType, Optional<IpAddress> ipAddress, Optional<DevicePlatform> platform,
        Optional<String> deviceId) {

    /** User-session note holding {@code key=value} pairs, {@code &}-separated, values URL-encoded. */
    public static final String NOTE = "portcullis.origin";

    public static SessionOrigin of(SignIn signIn) {
        return new SessionOrigin(signIn.clientAppType(), signIn.ipAddress(), signIn.platform(),
                signIn.device() instanceof DeviceState.Known known ? Optional.of(known.deviceId()) : Optional.empty());
    }

    public String format() {
        List<String> pairs = new ArrayList<>();
        pairs.add(pair("appType", appType.graphName()));
        ipAddress.ifPresent(ip -> pairs.add(pair("ip", ip.toString())));
        platform.ifPresent(p -> pairs.add(pair("platform", p.graphName())));
        deviceId.ifPresent(id -> pairs.add(pair("device", id)));
        return String.join("&", pairs);
    }

    /** Empty for a missing note, or one without a known client app type: such a note proves nothing. */
    public static Optional<SessionOrigin> parse(String note) {
        if (note == null || note.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : note.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.ofNullable(values.get("appType"))
                .flatMap(name -> GraphNamed.parse(ClientAppType.class, name))
                .filter(type -> type != ClientAppType.ALL)
                .map(type -> new SessionOrigin(type,
                        Optional.ofNullable(values.get("ip")).flatMap(IpAddress::parse),
                        Optional.ofNullable(values.get("platform")).flatMap(p -> GraphNamed.parse(DevicePlatform.class, p)),
                        Optional.ofNullable(values.get("device")).filter(id -> !id.isBlank())));
    }

    private static String pair(String key, String value) {
        return key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
