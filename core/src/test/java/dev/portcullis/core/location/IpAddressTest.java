package dev.portcullis.core.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    private static IpAddress parse(String text) {
        return IpAddress.parse(text).orElseThrow(() -> new AssertionError("should parse: " + text));
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0",
        "255.255.255.255, 4294967295",
        "10.20.1.15, 169083151",
        "192.0.2.1, 3221225985"})
    void parsesIpv4(String text, long value) {
        IpAddress address = parse(text);

        assertThat(address.ipv4()).isTrue();
        assertThat(address.low()).isEqualTo(value);
        assertThat(address.bitLength()).isEqualTo(32);
        assertThat(address.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "::, 0, 0",
        "::1, 0, 1",
        "2001:db8::, 2306139568115548160, 0",
        "2001:DB8:0:0:0:0:0:1, 2306139568115548160, 1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -1, -1",
        "1:2:3:4:5:6:7::, 281483566841860, 1407400653815808",
        "::2:3:4:5:6:7:8, 8590131204, 1407400653815816",
        "::1.2.3.4, 0, 16909060",
        "64:ff9b::192.0.2.1, 28428538856079360, 3221225985"})
    void parsesIpv6(String text, long high, long low) {
        IpAddress address = parse(text);

        assertThat(address.ipv4()).isFalse();
        assertThat(address.high()).isEqualTo(high);
        assertThat(address.low()).isEqualTo(low);
        assertThat(address.bitLength()).isEqualTo(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:10.20.1.15", "::FFFF:10.20.1.15", "0:0:0:0:0:ffff:a14:10f", "::ffff:a14:10f"})
    void ipv4MappedIpv6IsTheIpv4Address(String text) {
        assertThat(parse(text)).isEqualTo(parse("10.20.1.15"));
    }

    @Test
    void ipv6ToStringRoundTrips() {
        IpAddress address = parse("2001:db8:20::15");

        assertThat(address.toString()).isEqualTo("2001:db8:20:0:0:0:0:15");
        assertThat(parse(address.toString())).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " 10.0.0.1", "10.0.0.1 ", "10.0.0", "10.0.0.1.5", "10.0.0.256", "10.0.0.01", "010.0.0.1", "10..0.1",
        "1e.0.0.1", "+1.2.3.4", "-1.2.3.4", "0x0a.0.0.1", "4294967295",
        ":", ":::", "1::2::3", ":1", "1:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "::1:2:3:4:5:6:7:8",
        "12345::", "g::", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::256.0.0.1", "[::1]",
        "::ffff:10.20.1.15/32"})
    void refusesWhatIsNotALiteral(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%eth0", "fe80::1%1", "localhost", "example.com", "router.local",
        "xn--bcher-kva.example", "10.0.0.1.nip.io"})
    void refusesZoneIdsAndHostNamesWithoutResolvingThem(String text) {
        // Host names are never looked up (that would block and leak): they are simply not addresses.
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::\u0661", "\u0661\u0660.0.0.1", "fe80::\uff21", "1.2.3.\u0664"})
    void refusesNonAsciiDigits(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @Test
    void refusesNullAndOverlongInput() {
        assertThat(IpAddress.parse(null)).isEmpty();
        assertThat(IpAddress.parse("0000:0000:0000:0000:0000:0000:0000:0000:0000")).isEmpty();
        assertThat(IpAddress.parse("0000:0000:0000:0000:0000:ffff:255.255.255.255")).isEqualTo(
                Optional.of(IpAddress.ipv4(0xFFFF_FFFFL)));
    }
}
