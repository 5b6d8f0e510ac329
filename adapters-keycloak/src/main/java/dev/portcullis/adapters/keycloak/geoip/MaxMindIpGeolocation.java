package dev.portcullis.adapters.keycloak.geoip;

import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.record.Location;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.port.out.IpGeolocationPort;
import dev.portcullis.core.risk.GeoPoint;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Country (and, with a City database, position) from a MaxMind DB file: GeoLite2 / GeoIP2 Country
 * or City, or a free country file in the same format (ip-location-db's, CC0 / CC BY), read with
 * MaxMind's own library. The file is watched: when it changes (a nightly
 * update), the new one is opened and swapped in without a restart; a broken new file is refused
 * and the previous one keeps serving. Addresses the database does not know are unknown, never a
 * guess.
 */
public final class MaxMindIpGeolocation implements IpGeolocationPort, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MaxMindIpGeolocation.class.getName());

    private final Path file;
    private final Duration checkInterval;
    private final Clock clock;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile Instant nextCheck = Instant.MIN;

    /** One way of reading a country (and a position) for an address. */
    @FunctionalInterface
    private interface Lookup {
        IpGeolocation locate(InetAddress address) throws IOException, GeoIp2Exception;
    }

    private record Loaded(Lookup lookup, Closeable reader, Metadata metadata, FileTime modified, long size) {}

    public MaxMindIpGeolocation(Path file, Duration checkInterval, Clock clock) {
        this.file = file;
        this.checkInterval = checkInterval;
        this.clock = clock;
        reloadIfChanged();
    }

    public static MaxMindIpGeolocation watching(Path file) {
        return new MaxMindIpGeolocation(file, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** Whether a database is loaded; without one every address is unknown. */
    public boolean loaded() {
        return current.get() != null;
    }

    @Override
    public IpGeolocation locate(IpAddress address) {
        Instant now = clock.instant();
        if (!now.isBefore(nextCheck)) {
            nextCheck = now.plus(checkInterval);
            reloadIfChanged();
        }
        Loaded db = current.get();
        if (db == null) {
            return IpGeolocation.UNKNOWN;
        }
        try {
            return db.lookup().locate(toInet(address));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=geoip_lookup_failed file={0} error={1}", new Object[] {file, e.toString()});
            return IpGeolocation.UNKNOWN;
        } catch (GeoIp2Exception e) {
            return IpGeolocation.UNKNOWN;
        }
    }

    /**
     * MaxMind's own City and Country databases through their typed reader; any other MaxMind DB file
     * (such as ip-location-db's free country files, whose records are a flat {@code country_code})
     * through the format's plain reader.
     */
    private static Loaded open(Path file, FileTime modified, long size) throws IOException {
        // Read into memory: the file may be replaced under us, and a mapped file must not change.
        Reader plain = new Reader(file.toFile(), Reader.FileMode.MEMORY);
        String type = plain.getMetadata().getDatabaseType();
        if (!type.contains("City") && !type.contains("Country")) {
            return new Loaded(inet -> countryCode(plain.get(inet, Map.class)), plain, plain.getMetadata(), modified, size);
        }
        plain.close();
        DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).fileMode(Reader.FileMode.MEMORY).build();
        Lookup lookup = type.contains("City")
                ? inet -> reader.tryCity(inet).map(c -> new IpGeolocation(Optional.ofNullable(c.getCountry().getIsoCode()),
                        position(c.getLocation()))).orElse(IpGeolocation.UNKNOWN)
                : inet -> reader.tryCountry(inet).map(c -> new IpGeolocation(Optional.ofNullable(c.getCountry().getIsoCode()),
                        Optional.<GeoPoint>empty())).orElse(IpGeolocation.UNKNOWN);
        return new Loaded(lookup, reader, reader.getMetadata(), modified, size);
    }

    private static IpGeolocation countryCode(Map<?, ?> record) {
        Object code = record == null ? null : record.get("country_code");
        return code instanceof String iso && iso.length() == 2
                ? new IpGeolocation(Optional.of(iso.toUpperCase(java.util.Locale.ROOT)), Optional.empty())
                : IpGeolocation.UNKNOWN;
    }

    private static Optional<GeoPoint> position(Location location) {
        if (location == null || location.getLatitude() == null || location.getLongitude() == null) {
            return Optional.empty();
        }
        return Optional.of(new GeoPoint(location.getLatitude(), location.getLongitude()));
    }

    /** Bytes to InetAddress: a literal conversion, no name resolution. */
    private static InetAddress toInet(IpAddress address) throws UnknownHostException {
        byte[] bytes;
        if (address.ipv4()) {
            long v = address.low();
            bytes = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        } else {
            bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (address.high() >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (address.low() >>> (56 - 8 * i));
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    private synchronized void reloadIfChanged() {
        Loaded old = current.get();
        try {
            if (!Files.isRegularFile(file)) {
                if (old == null) {
                    LOG.log(Level.WARNING, "event=geoip_missing file={0} effect=countries_unknown", file);
                }
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (old != null && old.modified().equals(modified) && old.size() == size) {
                return;
            }
            Loaded loaded = open(file, modified, size);
            current.set(loaded);
            LOG.log(Level.INFO, "event=geoip_loaded file={0} type={1} built={2}", new Object[] {file,
                    loaded.metadata().getDatabaseType(), loaded.metadata().getBuildDate().toInstant()});
            if (old != null) {
                old.reader().close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=geoip_load_failed file={0} error={1} effect={2}", new Object[] {file,
                    e.toString(), old == null ? "countries_unknown" : "previous_database_kept"});
        }
    }

    @Override
    public void close() throws IOException {
        Loaded db = current.getAndSet(null);
        if (db != null) {
            db.reader().close();
        }
    }
}
