package dev.portcullis.core.location;

import java.util.Optional;

/** A place an administrator names once and policies refer to by id. */
public sealed interface NamedLocation permits IpNamedLocation, CountryNamedLocation, CompliantNetworkNamedLocation {

    String id();

    String displayName();

    /** Only IP locations can be trusted, as in Entra. */
    boolean trusted();

    /** The same location under another id (a new document gets its id from the store). */
    NamedLocation withId(String newId);

    /** @param country empty when unknown */
    boolean contains(Optional<IpAddress> ipAddress, Optional<String> country);
}
