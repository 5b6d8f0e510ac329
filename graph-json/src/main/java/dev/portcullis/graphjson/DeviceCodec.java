package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.signin.DevicePlatform;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A device as an MDM integration reports it, in Graph's device / managedDevice vocabulary, with the
 * properties a device filter may read ({@code manufacturer}, {@code model}, {@code extensionAttributes}, ...).
 */
public final class DeviceCodec {

    private static final DeviceCodec INSTANCE = new DeviceCodec();

    /** Graph's single-valued device properties a filter reads, beyond those the core models itself. */
    static final List<String> TEXT_ATTRIBUTES = List.of("enrollmentProfileName", "manufacturer", "mdmAppId", "model",
            "operatingSystemVersion", "profileType");
    static final List<String> LIST_ATTRIBUTES = List.of("physicalIds", "systemLabels");

    /**
     * Operating systems as Intune and Entra's device objects write them, read into Entra's device
     * platforms: compared without case and spaces, so "Windows", "Windows Server", "MacMDM", "iPadOS"
     * and "AndroidForWork" all read.
     */
    private static final Map<String, DevicePlatform> OPERATING_SYSTEMS = operatingSystems(
            DevicePlatform.WINDOWS, "Windows", "Windows Server", "Windows10X", "WindowsRT", "HoloLens", "SurfaceHub",
            DevicePlatform.WINDOWS_PHONE, "WindowsPhone", "Windows Mobile",
            DevicePlatform.IOS, "iOS", "iPadOS", "iPhone", "iPad", "iPod",
            DevicePlatform.MACOS, "macOS", "MacMDM", "Mac OS X", "Mac",
            DevicePlatform.ANDROID, "Android", "AndroidForWork", "AndroidEnterprise", "AndroidAOSP",
            DevicePlatform.LINUX, "Linux", "Ubuntu", "RedHat");

    private DeviceCodec() {}

    public static DeviceCodec instance() {
        return INSTANCE;
    }

    /** A device reported by an MDM integration (the device inventory API). */
    public Parsed<Device> read(JsonNode json) {
        return JsonReader.document(json, ReadMode.STRICT, JsonReader.AN_OBJECT, this::read);
    }

    private static Map<String, DevicePlatform> operatingSystems(Object... platformsAndNames) {
        Map<String, DevicePlatform> names = new LinkedHashMap<>();
        DevicePlatform platform = null;
        for (Object item : platformsAndNames) {
            if (item instanceof DevicePlatform p) {
                platform = p;
            } else {
                names.put((String) item, platform);
            }
        }
        return names;
    }

    private static String key(String name) {
        return name.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /**
     * A device's {@code operatingSystem}: the platform it reads as, and the text as written kept among
     * the attributes, where a device filter and the inventory's answers read it.
     */
    static Optional<DevicePlatform> operatingSystem(JsonReader r, Map<String, List<String>> attributes) {
        Optional<String> written = r.string("operatingSystem");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Optional<DevicePlatform> platform = OPERATING_SYSTEMS.entrySet().stream()
                .filter(e -> key(e.getKey()).equals(key(written.get()))).map(Map.Entry::getValue).findFirst();
        if (platform.isEmpty()) {
            r.problems().error(r.path("operatingSystem"), "unknown value '" + written.get() + "'; allowed (in any case): "
                    + String.join(", ", OPERATING_SYSTEMS.keySet()));
        } else if (!platform.get().graphName().equals(written.get())) {
            attributes.put("operatingSystem", List.of(written.get())); // written back as the MDM wrote it
        }
        return platform;
    }

    Device read(JsonReader r) {
        Set<String> known = new java.util.HashSet<>(Set.of("id", "displayName", "registeredOwnerId", "operatingSystem",
                "isCompliant", "isManaged", "trustType", "deviceOwnership", "lastSyncDateTime", "extensionAttributes"));
        known.addAll(TEXT_ATTRIBUTES);
        known.addAll(LIST_ATTRIBUTES);
        r.onlyKnownFields(known);
        String id = r.requiredString("id");
        String displayName = r.string("displayName").orElse(id);
        Map<String, List<String>> attributes = attributes(r);
        Optional<DevicePlatform> os = operatingSystem(r, attributes);
        boolean compliant = r.bool("isCompliant").orElse(false);
        boolean managed = r.bool("isManaged").orElse(false);
        String ownership = r.string("deviceOwnership").orElse("unknown");
        if (!Set.of("company", "personal", "unknown").contains(ownership.toLowerCase(java.util.Locale.ROOT))) {
            r.problems().error(r.path("deviceOwnership"), "unknown value '" + ownership + "'; allowed: company, personal, unknown");
        }
        Instant lastSync = r.instant("lastSyncDateTime");
        if (id.isBlank() && r.has("id")) {
            r.problems().error(r.path("id"), "must not be blank");
        }
        if (lastSync == null || id.isBlank()) {
            return null;
        }
        return new Device(id, displayName, r.string("registeredOwnerId"), os, compliant, managed,
                r.string("trustType").orElse(""), ownership, lastSync, attributes);
    }

    /** The filter properties of a device: Graph's names, extension attributes flattened. */
    static Map<String, List<String>> attributes(JsonReader r) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String field : TEXT_ATTRIBUTES) {
            r.string(field).ifPresent(value -> attributes.put(field, List.of(value)));
        }
        for (String field : LIST_ATTRIBUTES) {
            List<String> values = r.strings(field);
            if (!values.isEmpty()) {
                attributes.put(field, values);
            }
        }
        r.object("extensionAttributes").ifPresent(e -> {
            Set<String> names = new java.util.HashSet<>();
            for (int i = 1; i <= 15; i++) {
                names.add("extensionAttribute" + i);
            }
            e.onlyKnownFields(names);
            for (int i = 1; i <= 15; i++) {
                String name = "extensionAttribute" + i;
                e.string(name).ifPresent(value -> attributes.put(name, List.of(value)));
            }
        });
        return attributes;
    }

    static void writeAttributes(ObjectNode node, Map<String, List<String>> attributes) {
        for (String field : TEXT_ATTRIBUTES) {
            if (attributes.containsKey(field)) {
                node.put(field, attributes.get(field).get(0));
            }
        }
        for (String field : LIST_ATTRIBUTES) {
            if (attributes.containsKey(field)) {
                ArrayNode values = node.putArray(field);
                attributes.get(field).forEach(values::add);
            }
        }
        ObjectNode extensions = JsonNodeFactory.instance.objectNode();
        for (int i = 1; i <= 15; i++) {
            List<String> value = attributes.get("extensionAttribute" + i);
            if (value != null) {
                extensions.put("extensionAttribute" + i, value.get(0));
            }
        }
        if (!extensions.isEmpty()) {
            node.set("extensionAttributes", extensions);
        }
    }

    public ObjectNode write(Device device) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", device.id());
        node.put("displayName", device.displayName());
        node.put("registeredOwnerId", device.ownerUserId().orElse(null));
        node.put("operatingSystem", device.attributes().getOrDefault("operatingSystem",
                device.operatingSystem().map(DevicePlatform::graphName).stream().toList()).stream().findFirst().orElse(null));
        node.put("isCompliant", device.compliant());
        node.put("isManaged", device.managed());
        node.put("trustType", device.trustType());
        node.put("deviceOwnership", device.ownership());
        node.put("lastSyncDateTime", device.lastCheckIn().toString());
        writeAttributes(node, device.attributes());
        return node;
    }
}
