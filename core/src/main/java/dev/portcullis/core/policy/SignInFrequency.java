package dev.portcullis.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a satisfied authentication keeps counting. {@code everyTime} means only methods used in
 * this very sign-in count, give or take Entra's five minutes of clock skew.
 */
public record SignInFrequency(Optional<Duration> maxAge) {

    /** Entra lets {@code everyTime} accept an MFA up to five minutes old, for clock skew between services. */
    public static final Duration EVERY_TIME_CLOCK_SKEW = Duration.ofMinutes(5);

    public static SignInFrequency everyTime() {
        return new SignInFrequency(Optional.empty());
    }

    public static SignInFrequency of(Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("sign-in frequency must be positive: " + maxAge);
        }
        return new SignInFrequency(Optional.of(maxAge));
    }

    public boolean isEveryTime() {
        return maxAge.isEmpty();
    }

    /** Methods completed before this instant no longer count for a sign-in at {@code signInTime}. */
    public Instant notBefore(Instant signInTime) {
        return signInTime.minus(maxAge.orElse(EVERY_TIME_CLOCK_SKEW));
    }
}
