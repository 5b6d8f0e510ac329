package dev.portcullis.core.location;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A set of countries (ISO 3166-1 alpha-2), looked up from the client IP. With
 * {@code includeUnknownCountriesAndRegions}, addresses that map to no country belong too.
 */
public record CountryNamedLocation(
        String id, String displayName, Set<String> countriesAndRegions, boolean includeUnknownCountriesAndRegions)
        implements NamedLocation {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public CountryNamedLocation {
        // Kept in the order written: validation paths such as countriesAndRegions[2] index into it.
        countriesAndRegions = Collections.unmodifiableSet(new LinkedHashSet<>(countriesAndRegions));
    }

    public static boolean isCountryCode(String code) {
        return code != null && ISO_COUNTRIES.contains(code);
    }

    @Override
    public CountryNamedLocation withId(String newId) {
        return new CountryNamedLocation(newId, displayName, countriesAndRegions, includeUnknownCountriesAndRegions);
    }

    @Override
    public boolean trusted() {
        return false;
    }

    @Override
    public boolean contains(Optional<IpAddress> ipAddress, Optional<String> country) {
        return country.map(countriesAndRegions::contains).orElse(includeUnknownCountriesAndRegions);
    }
}
