package dev.portcullis.core.location;

import java.util.Optional;

/**
 * An IPv4 or IPv6 address as 128 bits. Parsed from literals only: unlike
 * {@code InetAddress.getByName}, this never resolves a host name. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:192.0.2.1}) are the IPv4 address, so a proxy that reports either form matches
 * the same named locations.
 */
public record IpAddress(boolean ipv4, long high, long low) {

    public int bitLength() {
        return ipv4 ? 32 : 128;
    }

    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text).map(v -> new IpAddress(true, 0, v));
    }

    public static IpAddress ipv4(long value) {
        return new IpAddress(true, 0, value & 0xFFFF_FFFFL);
    }

    public static IpAddress ipv6(long high, long low) {
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            return ipv4(low);
        }
        return new IpAddress(false, high, low);
    }

    private static Optional<Long> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            // Leading zeros are ambiguous (octal in some parsers), so they are refused.
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    private static Optional<IpAddress> parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        int count;
        if (doubleColon < 0) {
            count = parseGroups(text, groups, 0, true);
            if (count != 8) {
                return Optional.empty();
            }
        } else {
            String head = text.substring(0, doubleColon);
            String tail = text.substring(doubleColon + 2);
            int[] tailGroups = new int[8];
            int headCount = head.isEmpty() ? 0 : parseGroups(head, groups, 0, false);
            int tailCount = tail.isEmpty() ? 0 : parseGroups(tail, tailGroups, 0, true);
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return Optional.empty();
            }
            System.arraycopy(tailGroups, 0, groups, 8 - tailCount, tailCount);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        return Optional.of(ipv6(high, low));
    }

    /** Parses colon-separated hex groups (the last may be a dotted IPv4); returns how many, or -1. */
    private static int parseGroups(String text, int[] into, int start, boolean ipv4TailAllowed) {
        String[] parts = text.split(":", -1);
        int n = start;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (ipv4TailAllowed && i == parts.length - 1 && part.indexOf('.') >= 0) {
                Optional<Long> v4 = parseIpv4(part);
                if (v4.isEmpty() || n + 2 > 8) {
                    return -1;
                }
                into[n++] = (int) (v4.get() >>> 16);
                into[n++] = (int) (v4.get() & 0xFFFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || n >= 8) {
                return -1;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                int digit = hexDigit(part.charAt(j));
                if (digit < 0) {
                    return -1;
                }
                value = (value << 4) | digit;
            }
            into[n++] = value;
        }
        return n - start;
    }

    /** ASCII only: {@code Character.digit} would also take Arabic-Indic and fullwidth digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    @Override
    public String toString() {
        if (ipv4) {
            return (low >>> 24) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "." + (low & 0xFF);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? high : low;
            int shift = 48 - 16 * (i % 4);
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Long.toHexString((word >>> shift) & 0xFFFF));
        }
        return sb.toString();
    }
}
