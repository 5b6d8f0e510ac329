package dev.portcullis.core.location;

import java.util.Optional;

/**
 * A CIDR block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. The network address must
 * have no bits set beyond the prefix, as Entra requires, so a range always means what it says.
 */
public record IpRange(IpAddress network, int prefixLength) {

    public IpRange {
        if (prefixLength < 0 || prefixLength > network.bitLength()) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
    }

    /**
     * A parsed range, or a message saying exactly what is wrong with the text.
     * {@code hostBitsCleared}: the text had host bits set and they were cleared (Graph accepts such
     * ranges, and CIDR matching ignores those bits anyway).
     */
    public sealed interface Parsed {
        record Ok(IpRange range, boolean hostBitsCleared) implements Parsed {
            public Ok(IpRange range) {
                this(range, false);
            }
        }

        record Invalid(String message) implements Parsed {}
    }

    /** Strict: host bits beyond the prefix are an error naming the range meant. */
    public static Parsed parse(String cidr) {
        return parse(cidr, false);
    }

    /** As Microsoft Graph reads {@code cidrAddress}: host bits beyond the prefix are cleared, and said. */
    public static Parsed parseClearingHostBits(String cidr) {
        return parse(cidr, true);
    }

    private static Parsed parse(String cidr, boolean clearHostBits) {
        if (cidr == null) {
            return new Parsed.Invalid("a CIDR range is required");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return new Parsed.Invalid("'" + cidr + "' is not a CIDR range: the /prefix is missing");
        }
        Optional<IpAddress> address = IpAddress.parse(cidr.substring(0, slash));
        if (address.isEmpty()) {
            return new Parsed.Invalid("'" + cidr + "' is not a CIDR range: bad IP address");
        }
        String prefixText = cidr.substring(slash + 1);
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Parsed.Invalid("'" + cidr + "' is not a CIDR range: bad prefix length");
        }
        int prefix = Integer.parseInt(prefixText);
        IpAddress network = address.get();
        if (prefix > network.bitLength()) {
            return new Parsed.Invalid("'" + cidr + "' is not a CIDR range: prefix longer than "
                    + network.bitLength() + " bits");
        }
        IpRange range = new IpRange(network, prefix);
        if (!range.network.equals(range.mask(network))) {
            if (clearHostBits) {
                return new Parsed.Ok(new IpRange(range.mask(network), prefix), true);
            }
            return new Parsed.Invalid("'" + cidr + "' has host bits set beyond /" + prefix
                    + "; did you mean " + range.mask(network) + "/" + prefix + "?");
        }
        return new Parsed.Ok(range);
    }

    /** Parses a range that is known to be valid (for tests and built-in data). */
    public static IpRange of(String cidr) {
        Parsed parsed = parse(cidr);
        if (parsed instanceof Parsed.Ok ok) {
            return ok.range();
        }
        throw new IllegalArgumentException(((Parsed.Invalid) parsed).message());
    }

    public boolean contains(IpAddress address) {
        if (address.ipv4() != network.ipv4()) {
            return false;
        }
        return mask(address).equals(network);
    }

    private IpAddress mask(IpAddress address) {
        if (address.ipv4()) {
            long keep = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
            return new IpAddress(true, 0, address.low() & keep);
        }
        long highKeep = prefixLength >= 64 ? -1L : (prefixLength == 0 ? 0 : -1L << (64 - prefixLength));
        long lowKeep = prefixLength <= 64 ? 0 : (prefixLength == 128 ? -1L : -1L << (128 - prefixLength));
        return new IpAddress(false, address.high() & highKeep, address.low() & lowKeep);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
