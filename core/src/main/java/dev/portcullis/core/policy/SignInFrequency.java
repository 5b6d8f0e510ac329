package dev.portcullis.core.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a satisfied authentication keeps counting. {@code everyTime} means only methods used in
 * this very sign-in count.
 */
public record SignInFrequency(Optional<Duration> maxAge) {

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
}
