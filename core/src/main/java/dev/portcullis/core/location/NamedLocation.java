package dev.portcullis.core.location;

import java.util.Optional;

/** A place an administrator names once and policies refer to by id. */
public sealed interface NamedLocation permits IpNamedLocation, CountryNamedLocation {

    String id();

    String displayName();

    /** Only IP locations can be trusted, as in Entra. */
    boolean trusted();

    /** @param country empty when unknown */
    boolean contains(Optional<IpAddress> ipAddress, Optional<String> country);
}
