package dev.portcullis.core.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    private static IpAddress ip(String text) {
        return IpAddress.parse(text).orElseThrow();
    }

    private static String invalid(String cidr) {
        IpRange.Parsed parsed = IpRange.parse(cidr);
        assertThat(parsed).isInstanceOf(IpRange.Parsed.Invalid.class);
        return ((IpRange.Parsed.Invalid) parsed).message();
    }

    @ParameterizedTest
    @CsvSource({
        // range, first address, last address, just before, just after
        "10.20.0.0/16, 10.20.0.0, 10.20.255.255, 10.19.255.255, 10.21.0.0",
        "192.0.2.128/25, 192.0.2.128, 192.0.2.255, 192.0.2.127, 192.0.3.0",
        "192.0.2.7/32, 192.0.2.7, 192.0.2.7, 192.0.2.6, 192.0.2.8",
        "2001:db8:20::/48, 2001:db8:20::, 2001:db8:20:ffff:ffff:ffff:ffff:ffff, 2001:db8:1f:ffff:ffff:ffff:ffff:ffff, 2001:db8:21::",
        "2001:db8::/64, 2001:db8::, 2001:db8::ffff:ffff:ffff:ffff, 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db8:0:1::",
        "2001:db8::8000:0:0:0/65, 2001:db8::8000:0:0:0, 2001:db8::ffff:ffff:ffff:ffff, 2001:db8::7fff:ffff:ffff:ffff, 2001:db8:0:1::",
        "2001:db8::1/128, 2001:db8::1, 2001:db8::1, 2001:db8::, 2001:db8::2"})
    void containsExactlyFromTheFirstToTheLastAddress(String cidr, String first, String last, String before, String after) {
        IpRange range = IpRange.of(cidr);

        assertThat(range.contains(ip(first))).isTrue();
        assertThat(range.contains(ip(last))).isTrue();
        assertThat(range.contains(ip(before))).isFalse();
        assertThat(range.contains(ip(after))).isFalse();
    }

    @Test
    void slashZeroContainsItsWholeFamilyOnly() {
        IpRange allV4 = IpRange.of("0.0.0.0/0");
        IpRange allV6 = IpRange.of("::/0");

        assertThat(allV4.contains(ip("0.0.0.0"))).isTrue();
        assertThat(allV4.contains(ip("255.255.255.255"))).isTrue();
        assertThat(allV4.contains(ip("::1"))).isFalse();
        assertThat(allV6.contains(ip("::"))).isTrue();
        assertThat(allV6.contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(allV6.contains(ip("10.0.0.1"))).isFalse();
        // A mapped address is IPv4, so it is in the IPv4 ranges and not in ::/0.
        assertThat(allV6.contains(ip("::ffff:10.0.0.1"))).isFalse();
        assertThat(allV4.contains(ip("::ffff:10.0.0.1"))).isTrue();
    }

    @Test
    void anIpv4MappedClientAddressMatchesTheIpv4Range() {
        assertThat(IpRange.of("10.20.0.0/16").contains(ip("::ffff:10.20.1.15"))).isTrue();
        assertThat(IpRange.of("10.20.0.0/16").contains(ip("::ffff:10.21.1.15"))).isFalse();
    }

    @Test
    void anIpv4CompatibleAddressIsNotTheIpv4Address() {
        assertThat(IpRange.of("10.20.0.0/16").contains(ip("::10.20.1.15"))).isFalse();
    }

    @Test
    void hostBitsSetIsAnErrorThatSuggestsTheNetwork() {
        assertThat(invalid("10.20.1.15/16"))
                .isEqualTo("'10.20.1.15/16' has host bits set beyond /16; did you mean 10.20.0.0/16?");
        assertThat(invalid("2001:db8:20::15/48")).contains("host bits set beyond /48")
                .contains("did you mean 2001:db8:20:0:0:0:0:0/48?");
        assertThat(invalid("0.0.0.1/0")).contains("did you mean 0.0.0.0/0?");
        assertThat(invalid("2001:db8::8000:0:0:0/64")).contains("host bits");
    }

    @Test
    void otherMistakesHavePreciseMessages() {
        assertThat(invalid(null)).isEqualTo("a CIDR range is required");
        assertThat(invalid("10.20.0.0")).contains("the /prefix is missing");
        assertThat(invalid("10.20.0/16")).contains("bad IP address");
        assertThat(invalid("office.example/16")).contains("bad IP address");
        assertThat(invalid("fe80::%eth0/64")).contains("bad IP address");
        assertThat(invalid("10.20.0.0/")).contains("bad prefix length");
        assertThat(invalid("10.20.0.0/-1")).contains("bad prefix length");
        assertThat(invalid("10.20.0.0/ 16")).contains("bad prefix length");
        assertThat(invalid("10.20.0.0/1000")).contains("bad prefix length");
        assertThat(invalid("10.20.0.0/16/16")).contains("bad prefix length");
        assertThat(invalid("10.20.0.0/33")).contains("prefix longer than 32 bits");
        assertThat(invalid("2001:db8::/129")).contains("prefix longer than 128 bits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/\u0668", "10.0.0.0/\u0661\u0666", "2001:db8::/\uff16\uff14"})
    void aPrefixIsAsciiDigitsOnly(String cidr) {
        assertThat(invalid(cidr)).contains("bad prefix length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.0.0/16", "0.0.0.0/0", "192.0.2.7/32", "2001:db8:20:0:0:0:0:0/48", "0:0:0:0:0:0:0:0/0",
        "2001:db8:0:0:0:0:0:1/128"})
    void toStringIsTheCanonicalCidr(String cidr) {
        assertThat(IpRange.of(cidr).toString()).isEqualTo(cidr);
    }

    @Test
    void ofRefusesInvalidRangesWithTheMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.of("10.20.1.15/16")).withMessageContaining("host bits");
    }

    @Test
    void ipNamedLocationsNeverContainAnUnknownAddress() {
        IpNamedLocation office = new IpNamedLocation("office", "Office", List.of(IpRange.of("0.0.0.0/0")), true);

        assertThat(office.contains(Optional.empty(), Optional.of("DE"))).isFalse();
        assertThat(office.contains(Optional.of(ip("10.0.0.1")), Optional.empty())).isTrue();
    }

    @Test
    void countryLocationsUseTheCountryAndOptionallyUnknown() {
        CountryNamedLocation strict = new CountryNamedLocation("c", "C", Set.of("DE"), false);
        CountryNamedLocation withUnknown = new CountryNamedLocation("c", "C", Set.of("DE"), true);

        assertThat(strict.contains(Optional.empty(), Optional.of("DE"))).isTrue();
        assertThat(strict.contains(Optional.empty(), Optional.of("FR"))).isFalse();
        assertThat(strict.contains(Optional.empty(), Optional.empty())).isFalse();
        assertThat(withUnknown.contains(Optional.empty(), Optional.empty())).isTrue();
        assertThat(withUnknown.trusted()).isFalse();
        assertThat(CountryNamedLocation.isCountryCode("DE")).isTrue();
        assertThat(CountryNamedLocation.isCountryCode("de")).isFalse();
        assertThat(CountryNamedLocation.isCountryCode("XX")).isFalse();
        assertThat(CountryNamedLocation.isCountryCode(null)).isFalse();
    }
}
