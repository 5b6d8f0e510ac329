package dev.portcullis.core.policy;

import java.util.Optional;

/** Session controls Portcullis enforces; sign-in frequency is the one that changes a decision. */
public record SessionControls(Optional<SignInFrequency> signInFrequency) {

    public static SessionControls none() {
        return new SessionControls(Optional.empty());
    }

    public static SessionControls signInFrequency(SignInFrequency frequency) {
        return new SessionControls(Optional.of(frequency));
    }
}
