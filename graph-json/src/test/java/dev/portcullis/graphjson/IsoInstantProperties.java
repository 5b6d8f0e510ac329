package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The short way reads every text exactly as {@link Instant#parse} does: the same instant, or a refusal. */
class IsoInstantProperties {

    @Property(tries = 2000)
    void everyInstantGraphWritesReadsBackAsItself(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long second,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 9) int digits) {
        Instant instant = Instant.ofEpochSecond(second, nanos).truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(nanos - nanos % (int) Math.pow(10, 9 - digits));
        String text = instant.toString().substring(0, 19) + (digits == 0 ? "" : "." + String.format("%09d", instant.getNano()).substring(0, digits)) + "Z";

        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text)).isEqualTo(instant);
    }

    @Property(tries = 5000)
    void anyTextOfThatShapeIsReadAsTheGeneralParserReadsIt(@ForAll("nearlyInstants") String text) {
        assertThat(outcome(() -> IsoInstant.parse(text))).isEqualTo(outcome(() -> Instant.parse(text)));
    }

    @Example
    void theEdgesTheGeneralParserDecides() {
        for (String text : new String[] {"2026-12-31T23:59:60Z", "2026-01-31T24:00:00Z", "2026-04-31T08:00:00Z",
                "2026-02-29T08:00:00Z", "2024-02-29T08:00:00Z", "2026-01-31t08:00:00z", "2026-01-31T08:00:00.Z",
                "2026-01-31T08:00:00.1234567890Z", "2026-01-31T08:00:00+01:00", "+12026-01-31T08:00:00Z", ""}) {
            assertThat(outcome(() -> IsoInstant.parse(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
    }

    /** Texts of about the right length, mostly digits where digits go, sometimes anything else. */
    @Provide
    Arbitrary<String> nearlyInstants() {
        Arbitrary<Character> any = Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', 'T', 't', 'Z', '.', '+', ' ', '٣');
        Arbitrary<String> mutated = Arbitraries.integers().between(0, 29).list().ofMaxSize(3).flatMap(places ->
                any.list().ofSize(places.size()).map(chars -> {
                    StringBuilder text = new StringBuilder("2026-01-31T08:00:00.123456Z");
                    for (int i = 0; i < places.size(); i++) {
                        int at = Math.min(places.get(i), text.length() - 1);
                        text.setCharAt(at, chars.get(i));
                    }
                    return text.toString();
                }));
        Arbitrary<String> cut = Arbitraries.integers().between(0, 27).map(n -> "2026-01-31T08:00:00.123456Z".substring(0, n) + "Z");
        return Arbitraries.oneOf(mutated, cut);
    }

    private static String outcome(Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }
}
