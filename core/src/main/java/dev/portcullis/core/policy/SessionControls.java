package dev.portcullis.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Session controls. Sign-in frequency is the one Portcullis enforces (it changes a decision); the
 * others (persistent browser, continuous access evaluation, app-enforced restrictions, ...) are kept
 * as the policy wrote them, so it reads back the same, and are not enforced.
 *
 * @param notEnforced Graph's name of each control Portcullis does not enforce, with its JSON as written
 */
public record SessionControls(Optional<SignInFrequency> signInFrequency, Map<String, String> notEnforced) {

    public SessionControls {
        notEnforced = Collections.unmodifiableMap(new LinkedHashMap<>(notEnforced));
    }

    public SessionControls(Optional<SignInFrequency> signInFrequency) {
        this(signInFrequency, Map.of());
    }

    public static SessionControls none() {
        return new SessionControls(Optional.empty());
    }

    public static SessionControls signInFrequency(SignInFrequency frequency) {
        return new SessionControls(Optional.of(frequency));
    }

    /** Whether the policy configures any session control at all (a session-only policy needs one). */
    public boolean configured() {
        return signInFrequency.isPresent() || !notEnforced.isEmpty();
    }
}
