package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.signin.SatisfiedMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which methods a sign-in has satisfied and when: read from the Keycloak authenticators that
 * succeeded in this flow, and kept in a user-session note so a later SSO login (and sign-in
 * frequency) is judged from facts, not from an LoA number.
 */
public final class SatisfiedMethods {

    /** User-session note holding {@code method=epochSeconds} pairs, comma-separated. */
    public static final String NOTE = "portcullis.satisfied";

    private static final Map<String, AuthenticationMethod> BY_AUTHENTICATOR = Map.of(
            "auth-username-password-form", AuthenticationMethod.PASSWORD,
            "auth-password-form", AuthenticationMethod.PASSWORD,
            "direct-grant-validate-password", AuthenticationMethod.PASSWORD,
            "auth-otp-form", AuthenticationMethod.TOTP,
            "direct-grant-validate-otp", AuthenticationMethod.TOTP,
            "webauthn-authenticator", AuthenticationMethod.SECURITY_KEY,
            "webauthn-authenticator-passwordless", AuthenticationMethod.PASSKEY,
            "auth-recovery-authn-code-form", AuthenticationMethod.RECOVERY_CODE,
            "portcullis-push", AuthenticationMethod.PUSH);

    private SatisfiedMethods() {}

    public static Optional<AuthenticationMethod> ofAuthenticator(String providerId) {
        return Optional.ofNullable(BY_AUTHENTICATOR.get(providerId));
    }

    public static List<SatisfiedMethod> parse(String note) {
        List<SatisfiedMethod> methods = new ArrayList<>();
        if (note == null || note.isBlank()) {
            return methods;
        }
        for (String pair : note.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            for (AuthenticationMethod method : AuthenticationMethod.values()) {
                if (method.graphName().equals(pair.substring(0, eq))) {
                    try {
                        methods.add(new SatisfiedMethod(method, Instant.ofEpochSecond(Long.parseLong(pair.substring(eq + 1)))));
                    } catch (NumberFormatException ignored) {
                        // a damaged note proves nothing: the method simply does not count
                    }
                }
            }
        }
        return methods;
    }

    /** The latest time of each method, as a note. */
    public static String format(List<SatisfiedMethod> methods) {
        Map<AuthenticationMethod, Instant> latest = new EnumMap<>(AuthenticationMethod.class);
        for (SatisfiedMethod m : methods) {
            latest.merge(m.method(), m.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<String> pairs = new ArrayList<>();
        latest.forEach((method, at) -> pairs.add(method.graphName() + "=" + at.getEpochSecond()));
        return String.join(",", pairs);
    }
}
