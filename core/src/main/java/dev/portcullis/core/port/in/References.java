package dev.portcullis.core.port.in;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import java.util.Map;

/**
 * What a policy may refer to as stored now: the named locations, and the strengths (the built-in
 * ones first). A front end reads a policy against these.
 */
public record References(Map<String, NamedLocation> namedLocations, Map<String, AuthenticationStrength> strengths) {

    public References {
        namedLocations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(namedLocations));
        strengths = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(strengths));
    }
}
