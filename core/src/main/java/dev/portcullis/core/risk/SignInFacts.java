package dev.portcullis.core.risk;

import dev.portcullis.core.location.IpAddress;
import java.time.Instant;
import java.util.Optional;

/** Where and when one sign-in happened: what risk rules compare a new sign-in against. */
public record SignInFacts(Instant time, Optional<IpAddress> ipAddress, Optional<String> country,
        Optional<GeoPoint> position) {

    public static SignInFacts at(Instant time, String country) {
        return new SignInFacts(time, Optional.empty(), Optional.ofNullable(country), Optional.empty());
    }
}
