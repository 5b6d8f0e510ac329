package dev.portcullis.graphjson;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#parse} with a short way for the shape Graph writes, {@code 2026-01-31T08:00:00Z}
 * with up to nine digits of a second: a device sync reads several, and the general parser was a
 * twentieth of a sync's CPU (measured). Anything else, or anything out of range, goes to
 * {@link Instant#parse}, which gives the same answer or the same exception.
 */
final class IsoInstant {

    private static final int SHORTEST = "2026-01-31T08:00:00Z".length();
    /** Nanoseconds in a unit of a fraction's last digit, by how many digits it has. */
    private static final int[] NANOS_PER = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoInstant() {}

    static Instant parse(String text) {
        if (!hasGraphShape(text)) {
            return Instant.parse(text);
        }
        int digits = text.length() - SHORTEST - 1; // of the fraction, after its '.'; -1 without one
        int fraction = digits > 0 ? number(text, 20, 20 + digits) : 0;
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (fraction < 0 || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Instant.parse(text);
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, fraction * NANOS_PER[Math.max(digits, 0)])
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return Instant.parse(text); // a leap second, the 31st of April: the general parser decides
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss}, then {@code .} and one to nine characters or nothing, then {@code Z}. */
    private static boolean hasGraphShape(String text) {
        int length = text.length();
        boolean fraction = length > SHORTEST;
        return length >= SHORTEST && length <= SHORTEST + 10 && length != SHORTEST + 1
                && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(length - 1) == 'Z'
                && (!fraction || text.charAt(19) == '.');
    }

    /** The decimal number in {@code [from, to)}, or -1 when a character there is not an ASCII digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = digit(text, i);
            if (digit < 0) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int digit(String text, int at) {
        char c = text.charAt(at);
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }
}
