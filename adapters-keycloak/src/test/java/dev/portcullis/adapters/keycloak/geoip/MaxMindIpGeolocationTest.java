package dev.portcullis.adapters.keycloak.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.MutableClock;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.port.out.IpGeolocationPort.IpGeolocation;
import dev.portcullis.core.risk.GeoPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxMindIpGeolocationTest {

    @TempDir
    Path dir;

    private static IpAddress ip(String literal) {
        return IpAddress.parse(literal).orElseThrow();
    }

    @Test
    void countriesComeFromTheDatabaseForIpv4AndIpv6AndUnknownStaysUnknown() throws Exception {
        Path file = dir.resolve("GeoLite2-Country.mmdb");
        new MmdbWriter("GeoLite2-Country")
                .country("81.2.69.0/24", "GB")
                .country("175.16.199.0/24", "CN")
                .country("2001:db8:100::/48", "DE")
                .write(file);

        try (MaxMindIpGeolocation geo = MaxMindIpGeolocation.watching(file)) {
            assertThat(geo.locate(ip("81.2.69.160")).country()).contains("GB");
            assertThat(geo.locate(ip("81.2.69.0")).country()).contains("GB");
            assertThat(geo.locate(ip("81.2.69.255")).country()).contains("GB");
            assertThat(geo.locate(ip("81.2.70.0")).country()).isEmpty();
            assertThat(geo.locate(ip("175.16.199.1")).country()).contains("CN");
            assertThat(geo.locate(ip("2001:db8:100:ffff::1")).country()).contains("DE");
            assertThat(geo.locate(ip("2001:db8:101::1"))).isEqualTo(IpGeolocation.UNKNOWN);
            assertThat(geo.locate(ip("::ffff:81.2.69.7")).country()).contains("GB");
        }
    }

    @Test
    void aFreeCountryFileInTheSameFormatWorksToo() throws Exception {
        // ip-location-db's geo-whois-asn-country (CC0 / CC BY), as the demo fetches it: type "country ipvAll".
        Path file = dir.resolve("geo-whois-asn-country.mmdb");
        new MmdbWriter("country ipvAll").countryCode("175.45.176.0/22", "KP").countryCode("2001:db8::/32", "se")
                .write(file);
        try (MaxMindIpGeolocation geo = MaxMindIpGeolocation.watching(file)) {
            assertThat(geo.loaded()).isTrue();
            assertThat(geo.locate(ip("175.45.177.3")).country()).contains("KP");
            assertThat(geo.locate(ip("2001:db8::1")).country()).contains("SE");
            assertThat(geo.locate(ip("192.0.2.1")).country()).isEmpty();
            assertThat(geo.locate(ip("175.45.177.3")).position()).isEmpty();
        }
    }

    @Test
    void aCityDatabaseAlsoGivesThePosition() throws Exception {
        Path file = dir.resolve("GeoLite2-City.mmdb");
        new MmdbWriter("GeoLite2-City").city("89.160.20.0/24", "SE", 58.4167, 15.6167).write(file);

        try (MaxMindIpGeolocation geo = MaxMindIpGeolocation.watching(file)) {
            IpGeolocation where = geo.locate(ip("89.160.20.112"));
            assertThat(where.country()).contains("SE");
            assertThat(where.position()).contains(new GeoPoint(58.4167, 15.6167));
        }
    }

    @Test
    void aChangedFileIsPickedUpWithoutRestartAndABrokenOneIsRefused() throws Exception {
        Path file = dir.resolve("country.mmdb");
        new MmdbWriter("GeoLite2-Country").country("198.51.100.0/24", "FR").write(file);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        try (MaxMindIpGeolocation geo = new MaxMindIpGeolocation(file, Duration.ofSeconds(30), clock)) {
            assertThat(geo.locate(ip("198.51.100.9")).country()).contains("FR");

            Path update = dir.resolve("update.mmdb");
            new MmdbWriter("GeoLite2-Country").country("198.51.100.0/24", "BE").write(update);
            Files.move(update, file, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(60)));
            assertThat(geo.locate(ip("198.51.100.9")).country()).as("not re-checked before the interval").contains("FR");
            clock.advance(Duration.ofSeconds(31));
            assertThat(geo.locate(ip("198.51.100.9")).country()).contains("BE");

            Files.writeString(file, "not a database");
            clock.advance(Duration.ofSeconds(31));
            assertThat(geo.locate(ip("198.51.100.9")).country()).as("previous database kept").contains("BE");
        }
    }

    @Test
    void withoutAFileEveryAddressIsUnknown() throws Exception {
        try (MaxMindIpGeolocation geo = MaxMindIpGeolocation.watching(dir.resolve("absent.mmdb"))) {
            assertThat(geo.loaded()).isFalse();
            assertThat(geo.locate(ip("8.8.8.8"))).isEqualTo(new IpGeolocation(Optional.empty(), Optional.empty()));
        }
    }
}
