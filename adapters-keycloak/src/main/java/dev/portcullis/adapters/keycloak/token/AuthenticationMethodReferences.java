package dev.portcullis.adapters.keycloak.token;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RFC 8176 {@code amr} values for the methods a sign-in proved. {@code mfa} is added when they
 * meet the built-in MFA strength, so a token says "multi-factor" exactly when a policy asking for
 * MFA would have been satisfied by the same methods.
 */
public final class AuthenticationMethodReferences {

    /** RFC 8176: multiple-factor authentication. */
    public static final String MFA = "mfa";

    private static final Map<AuthenticationMethod, String> BY_METHOD = Map.of(
            AuthenticationMethod.PASSWORD, "pwd",
            AuthenticationMethod.TOTP, "otp",
            // WebAuthn: proof of possession of a key held by an authenticator (a security key, a passkey).
            AuthenticationMethod.SECURITY_KEY, "hwk",
            AuthenticationMethod.PASSKEY, "hwk",
            // Push approval: the app on the phone signs with its own software key.
            AuthenticationMethod.PUSH, "swk",
            // A recovery code is a one-time password kept on paper.
            AuthenticationMethod.RECOVERY_CODE, "otp");

    private AuthenticationMethodReferences() {}

    /** Sorted, each value once, {@code mfa} last when earned; empty when nothing was proven. */
    public static List<String> of(Set<AuthenticationMethod> proven) {
        List<String> values = new ArrayList<>(new TreeSet<>(proven.stream().map(BY_METHOD::get).toList()));
        if (AuthenticationStrength.MFA.isSatisfiedBy(proven)) {
            values.add(MFA);
        }
        return List.copyOf(values);
    }
}
