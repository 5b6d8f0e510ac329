package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.signin.DevicePlatform;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A device as an MDM integration reports it, in Graph's device / managedDevice vocabulary. */
final class DeviceJson {

    private DeviceJson() {}

    static Device read(JsonReader r) {
        r.onlyKnownFields(Set.of("id", "displayName", "registeredOwnerId", "operatingSystem", "isCompliant",
                "isManaged", "trustType", "deviceOwnership", "lastSyncDateTime"));
        String id = r.requiredString("id");
        String displayName = r.string("displayName").orElse(id);
        Optional<DevicePlatform> os = r.enumValue("operatingSystem", DevicePlatform.class);
        boolean compliant = r.bool("isCompliant").orElse(false);
        boolean managed = r.bool("isManaged").orElse(false);
        String ownership = r.string("deviceOwnership").orElse("unknown");
        if (!Set.of("company", "personal", "unknown").contains(ownership.toLowerCase(java.util.Locale.ROOT))) {
            r.problems().error(r.path("deviceOwnership"), "unknown value '" + ownership + "'; allowed: company, personal, unknown");
        }
        Instant lastSync = SignInRecordJson.instant(r, "lastSyncDateTime");
        if (id.isBlank() && r.has("id")) {
            r.problems().error(r.path("id"), "must not be blank");
        }
        if (lastSync == null || id.isBlank()) {
            return null;
        }
        return new Device(id, displayName, r.string("registeredOwnerId"), os, compliant, managed,
                r.string("trustType").orElse(""), ownership, lastSync);
    }

    static ObjectNode write(Device device) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", device.id());
        node.put("displayName", device.displayName());
        node.put("registeredOwnerId", device.ownerUserId().orElse(null));
        node.put("operatingSystem", device.operatingSystem().map(DevicePlatform::graphName).orElse(null));
        node.put("isCompliant", device.compliant());
        node.put("isManaged", device.managed());
        node.put("trustType", device.trustType());
        node.put("deviceOwnership", device.ownership());
        node.put("lastSyncDateTime", device.lastCheckIn().toString());
        return node;
    }
}
