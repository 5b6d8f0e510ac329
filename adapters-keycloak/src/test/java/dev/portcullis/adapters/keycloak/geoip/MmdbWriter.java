package dev.portcullis.adapters.keycloak.geoip;

import dev.portcullis.core.location.IpRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small MaxMind DB file (format 2.0, IPv6 tree with IPv4 under ::/96, 24-bit records) so
 * tests use the real reader on a real file. Enough of the format for Country and City lookups:
 * maps, strings, doubles and unsigned integers; non-overlapping networks.
 */
public final class MmdbWriter {

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i',
            'n', 'd', '.', 'c', 'o', 'm'};

    private final String databaseType;
    private final Map<IpRange, Map<String, Object>> networks = new LinkedHashMap<>();

    public MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    public MmdbWriter country(String cidr, String isoCode) {
        networks.put(IpRange.of(cidr), Map.of("country", Map.of("iso_code", isoCode, "geoname_id", 1L)));
        return this;
    }

    /** A record as ip-location-db's free country files have it: a flat {@code country_code}. */
    public MmdbWriter countryCode(String cidr, String isoCode) {
        networks.put(IpRange.of(cidr), Map.of("country_code", isoCode));
        return this;
    }

    public MmdbWriter city(String cidr, String isoCode, double latitude, double longitude) {
        networks.put(IpRange.of(cidr), Map.of("country", Map.of("iso_code", isoCode, "geoname_id", 1L),
                "location", Map.of("latitude", latitude, "longitude", longitude)));
        return this;
    }

    private static final class Node {
        Node[] children = new Node[2];
        int[] data = {-1, -1};
        int index;
    }

    public void write(Path path) throws IOException {
        ByteArrayOutputStream dataSection = new ByteArrayOutputStream();
        Node root = new Node();
        for (Map.Entry<IpRange, Map<String, Object>> network : networks.entrySet()) {
            int offset = dataSection.size();
            encode(network.getValue(), dataSection);
            insert(root, bits(network.getKey()), offset);
        }
        List<Node> nodes = new ArrayList<>();
        number(root, nodes);
        int nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            for (int side = 0; side < 2; side++) {
                int record;
                if (node.children[side] != null) {
                    record = node.children[side].index;
                } else if (node.data[side] >= 0) {
                    record = nodeCount + 16 + node.data[side];
                } else {
                    record = nodeCount; // no data
                }
                out.write(record >>> 16);
                out.write(record >>> 8);
                out.write(record);
            }
        }
        out.write(new byte[16]);
        dataSection.writeTo(out);
        out.write(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Unsigned(2, 2));
        metadata.put("binary_format_minor_version", new Unsigned(0, 2));
        metadata.put("build_epoch", new Unsigned(1_700_000_000L, 8));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "Portcullis test database"));
        metadata.put("ip_version", new Unsigned(6, 2));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", new Unsigned(nodeCount, 4));
        metadata.put("record_size", new Unsigned(24, 2));
        encode(metadata, out);
        Files.write(path, out.toByteArray());
    }

    /** An unsigned integer of a given MMDB width (2 = uint16, 4 = uint32, 8 = uint64). */
    private record Unsigned(long value, int width) {}

    private static boolean[] bits(IpRange range) {
        int prefix = range.network().ipv4() ? 96 + range.prefixLength() : range.prefixLength();
        boolean[] bits = new boolean[prefix];
        long high = range.network().ipv4() ? 0 : range.network().high();
        long low = range.network().low();
        for (int i = 0; i < prefix; i++) {
            bits[i] = i < 64 ? ((high >>> (63 - i)) & 1) == 1 : ((low >>> (127 - i)) & 1) == 1;
        }
        return bits;
    }

    private static void insert(Node root, boolean[] bits, int dataOffset) {
        Node node = root;
        for (int i = 0; i < bits.length - 1; i++) {
            int side = bits[i] ? 1 : 0;
            if (node.children[side] == null) {
                node.children[side] = new Node();
            }
            node = node.children[side];
        }
        node.data[bits[bits.length - 1] ? 1 : 0] = dataOffset;
    }

    private static void number(Node node, List<Node> nodes) {
        node.index = nodes.size();
        nodes.add(node);
        for (Node child : node.children) {
            if (child != null) {
                number(child, nodes);
            }
        }
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            control(2, bytes.length, out);
            out.writeBytes(bytes);
        } else if (value instanceof Double d) {
            control(3, 8, out);
            long bits = Double.doubleToLongBits(d);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >>> (8 * i)));
            }
        } else if (value instanceof Long l) {
            encode(new Unsigned(l, 4), out);
        } else if (value instanceof Unsigned u) {
            int type = u.width() == 2 ? 5 : u.width() == 4 ? 6 : 9;
            int length = 0;
            for (long v = u.value(); v != 0; v >>>= 8) {
                length++;
            }
            control(type, length, out);
            for (int i = length - 1; i >= 0; i--) {
                out.write((int) (u.value() >>> (8 * i)));
            }
        } else if (value instanceof Map<?, ?> map) {
            control(7, map.size(), out);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                encode(entry.getKey(), out);
                encode(entry.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            control(11, list.size(), out);
            list.forEach(item -> encode(item, out));
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void control(int type, int size, ByteArrayOutputStream out) {
        int typeBits = type <= 7 ? type : 0;
        if (size < 29) {
            out.write((typeBits << 5) | size);
        } else if (size < 285) {
            out.write((typeBits << 5) | 29);
        } else {
            throw new IllegalArgumentException("too large for this writer: " + size);
        }
        if (type > 7) {
            out.write(type - 7);
        }
        if (size >= 29) {
            out.write(size - 29);
        }
    }
}
