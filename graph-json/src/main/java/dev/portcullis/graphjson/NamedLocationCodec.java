package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.location.CompliantNetworkNamedLocation;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.validation.PolicyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Graph's ipNamedLocation, countryNamedLocation and compliantNetworkNamedLocation, told apart by
 * {@code @odata.type}.
 */
public final class NamedLocationCodec {

    private static final NamedLocationCodec INSTANCE = new NamedLocationCodec();

    static final String IP_TYPE = "#microsoft.graph.ipNamedLocation";
    static final String COUNTRY_TYPE = "#microsoft.graph.countryNamedLocation";
    private static final String IPV4_RANGE = "#microsoft.graph.iPv4CidrRange";
    private static final String IPV6_RANGE = "#microsoft.graph.iPv6CidrRange";
    static final String COMPLIANT_NETWORK_TYPE = "#microsoft.graph.compliantNetworkNamedLocation";
    private static final Set<String> COMMON = Set.of("@odata.type", "id", "displayName", "createdDateTime",
            "modifiedDateTime");

    private NamedLocationCodec() {}

    public static NamedLocationCodec instance() {
        return INSTANCE;
    }

    /** Reads and validates a named location (ranges, country codes): it needs no other document. */
    public Parsed<NamedLocation> read(JsonNode json) {
        return JsonReader.document(json, ReadMode.STRICT, JsonReader.AN_OBJECT,
                r -> r.problems().validated(read(r), PolicyValidator::validate));
    }

    NamedLocation read(JsonReader r) {
        Optional<String> type = r.string("@odata.type");
        String id = r.string("id").orElse("");
        String displayName = r.requiredString("displayName");
        if (type.isEmpty()) {
            r.problems().error(r.path("@odata.type"), "required: " + IP_TYPE + ", " + COUNTRY_TYPE + " or "
                    + COMPLIANT_NETWORK_TYPE);
            return null;
        }
        r.readOnly("createdDateTime", "modifiedDateTime");
        if (type.get().equalsIgnoreCase(COMPLIANT_NETWORK_TYPE)) {
            r.onlyKnownFields(union(COMMON, Set.of("isTrusted", "compliantNetworkType")));
            r.problems().warning(r.path("compliantNetworkType"), "a Global Secure Access compliant network, which"
                    + " Keycloak cannot see: it contains no sign-in, and a policy naming it is never enforced");
            return new CompliantNetworkNamedLocation(id, displayName,
                    r.string("compliantNetworkType").orElse("allTenantCompliantNetworks"), r.bool("isTrusted").orElse(false));
        }
        if (type.get().equalsIgnoreCase(IP_TYPE)) {
            r.onlyKnownFields(union(COMMON, Set.of("isTrusted", "ipRanges")));
            boolean trusted = r.bool("isTrusted").orElse(false);
            List<IpRange> ranges = new ArrayList<>();
            for (JsonReader range : r.objects("ipRanges")) {
                range.onlyKnownFields(Set.of("@odata.type", "cidrAddress"));
                String cidr = range.requiredString("cidrAddress");
                IpRange.Parsed parsed = IpRange.parseClearingHostBits(cidr);
                if (parsed instanceof IpRange.Parsed.Invalid invalid) {
                    if (!cidr.isEmpty()) {
                        range.problems().error(range.path("cidrAddress"), invalid.message());
                    }
                    continue;
                }
                IpRange ok = ((IpRange.Parsed.Ok) parsed).range();
                if (((IpRange.Parsed.Ok) parsed).hostBitsCleared()) {
                    range.problems().warning(range.path("cidrAddress"), "'" + cidr + "' has host bits set: read as "
                            + ok + ", the range it names");
                }
                Optional<String> rangeType = range.string("@odata.type");
                String expected = ok.network().ipv4() ? IPV4_RANGE : IPV6_RANGE;
                if (rangeType.isPresent() && !rangeType.get().equalsIgnoreCase(expected)) {
                    range.problems().error(range.path("@odata.type"), "'" + cidr + "' is a "
                            + (ok.network().ipv4() ? "IPv4" : "IPv6") + " range: use " + expected);
                }
                ranges.add(ok);
            }
            return new IpNamedLocation(id, displayName, ranges, trusted);
        }
        if (type.get().equalsIgnoreCase(COUNTRY_TYPE)) {
            r.onlyKnownFields(union(COMMON, Set.of("countriesAndRegions", "includeUnknownCountriesAndRegions",
                    "countryLookupMethod")));
            r.string("countryLookupMethod").filter(m -> !m.equals("clientIpAddress")).ifPresent(m ->
                    r.problems().error(r.path("countryLookupMethod"),
                            "only 'clientIpAddress' is supported (Keycloak has no GPS signal)"));
            return new CountryNamedLocation(id, displayName, new java.util.LinkedHashSet<>(r.strings("countriesAndRegions")),
                    r.bool("includeUnknownCountriesAndRegions").orElse(false));
        }
        r.problems().error(r.path("@odata.type"), "unknown value '" + type.get() + "'; allowed: " + IP_TYPE + ", "
                + COUNTRY_TYPE + ", " + COMPLIANT_NETWORK_TYPE);
        return null;
    }

    public ObjectNode write(NamedLocation location) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (location instanceof IpNamedLocation ip) {
            node.put("@odata.type", IP_TYPE);
            node.put("id", ip.id());
            node.put("displayName", ip.displayName());
            node.put("isTrusted", ip.trusted());
            ArrayNode ranges = node.putArray("ipRanges");
            for (IpRange range : ip.ipRanges()) {
                ObjectNode r = ranges.addObject();
                r.put("@odata.type", range.network().ipv4() ? IPV4_RANGE : IPV6_RANGE);
                r.put("cidrAddress", range.toString());
            }
        } else if (location instanceof CompliantNetworkNamedLocation network) {
            node.put("@odata.type", COMPLIANT_NETWORK_TYPE);
            node.put("id", network.id());
            node.put("displayName", network.displayName());
            node.put("isTrusted", network.trusted());
            node.put("compliantNetworkType", network.compliantNetworkType());
        } else {
            CountryNamedLocation country = (CountryNamedLocation) location;
            node.put("@odata.type", COUNTRY_TYPE);
            node.put("id", country.id());
            node.put("displayName", country.displayName());
            ArrayNode codes = node.putArray("countriesAndRegions");
            country.countriesAndRegions().forEach(codes::add);
            node.put("includeUnknownCountriesAndRegions", country.includeUnknownCountriesAndRegions());
            node.put("countryLookupMethod", "clientIpAddress");
        }
        return node;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
