package dev.portcullis.core.location;

import java.util.List;
import java.util.Optional;

/** A set of IPv4/IPv6 ranges, for example the office network. */
public record IpNamedLocation(String id, String displayName, List<IpRange> ipRanges, boolean trusted)
        implements NamedLocation {

    public IpNamedLocation {
        ipRanges = List.copyOf(ipRanges);
    }

    @Override
    public IpNamedLocation withId(String newId) {
        return new IpNamedLocation(newId, displayName, ipRanges, trusted);
    }

    @Override
    public boolean contains(Optional<IpAddress> ipAddress, Optional<String> country) {
        if (ipAddress.isEmpty()) {
            return false; // an unknown address is in no range, and so never trusted
        }
        IpAddress address = ipAddress.get();
        for (IpRange range : ipRanges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
