package dev.portcullis.core.port.out;

import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.risk.GeoPoint;
import java.util.Optional;

/** Where an IP address is: the country for country locations, the position for impossible travel. */
public interface IpGeolocationPort {

    /** Never fails: an address no source knows is {@link IpGeolocation#UNKNOWN}. */
    IpGeolocation locate(IpAddress address);

    /** @param country ISO 3166-1 alpha-2 */
    record IpGeolocation(Optional<String> country, Optional<GeoPoint> position) {
        public static final IpGeolocation UNKNOWN = new IpGeolocation(Optional.empty(), Optional.empty());
    }
}
