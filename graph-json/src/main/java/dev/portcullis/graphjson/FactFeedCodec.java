package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fact feed's answers, signed like snapshots: a listing ({@code epoch}, {@code sequence}, every
 * device and user at risk) or changes ({@code since} as well, the entities put, and the ids removed
 * in {@code removedDevices} and {@code removedRiskyUsers}; a list with nothing in it is left out). Neither reads as a snapshot, nor a
 * snapshot as either: each refuses the other's fields.
 */
public final class FactFeedCodec {

    /**
     * The request header in which a node names the facts it holds (their entity tag) while it waits on
     * the snapshot, so that a fact change ends the wait too.
     */
    public static final String KNOWN_FACTS_HEADER = "Portcullis-Known-Facts";

    private static final FactFeedCodec INSTANCE = new FactFeedCodec();
    private static final Set<String> LISTING = Set.of("epoch", "sequence", "deviceCheckInMaxAge", "devices",
            "riskyUsers");
    private static final Set<String> CHANGES = Set.of("epoch", "since", "sequence", "devices", "removedDevices",
            "riskyUsers", "removedRiskyUsers");

    private FactFeedCodec() {}

    public static FactFeedCodec instance() {
        return INSTANCE;
    }

    public byte[] write(FactFeed answer) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("epoch", answer.epoch());
        if (answer instanceof FactFeed.Changes changes) {
            node.put("since", changes.since());
        }
        node.put("sequence", answer.sequence());
        if (answer instanceof FactFeed.Listing listing) {
            FactsJson.writeMaxCheckInAge(node, listing.facts().devices());
            FactsJson.writeDevices(node.putArray("devices"), listing.facts().devices().devices());
            FactsJson.writeRiskyUsers(node.putArray("riskyUsers"), listing.facts().riskyUsers());
        } else if (answer instanceof FactFeed.Changes changes) {
            // Only what changed: an answer for one device is read by every node, so empty lists are left out.
            if (!changes.devices().isEmpty()) {
                FactsJson.writeDevices(node.putArray("devices"), changes.devices());
            }
            sorted(node, "removedDevices", changes.removedDevices());
            if (!changes.riskyUsers().isEmpty()) {
                FactsJson.writeRiskyUsers(node.putArray("riskyUsers"), changes.riskyUsers());
            }
            sorted(node, "removedRiskyUsers", changes.removedRiskyUsers());
        }
        return JsonText.shared().bytes(node);
    }

    private static void sorted(ObjectNode node, String field, Set<String> ids) {
        if (!ids.isEmpty()) {
            ArrayNode array = node.putArray(field);
            ids.stream().sorted().forEach(array::add);
        }
    }

    /** Reads an answer; it is whole and valid or it is refused. */
    public Parsed<FactFeed> read(byte[] json) {
        return JsonText.shared().read(json, tree -> JsonReader.document(tree, ReadMode.LENIENT,
                "expected a fact feed object", this::read));
    }

    private FactFeed read(JsonReader r) {
        ReadProblems problems = r.problems();
        boolean changes = r.has("since");
        r.onlyKnownFields(changes ? CHANGES : LISTING);
        String epoch = r.requiredString("epoch");
        if (r.has("epoch") && !PolicySnapshot.validEpoch(epoch)) {
            problems.error("epoch", "expected 1 to 64 letters, digits or '-'");
        }
        long sequence = nonNegative(r, "sequence");
        long since = changes ? nonNegative(r, "since") : 0;
        if (changes && since > sequence) {
            problems.error("since", "must not be after sequence");
        }
        List<Device> devices = FactsJson.readDevices(r, "devices");
        Map<String, RiskAssessment> riskyUsers = FactsJson.readRiskyUsers(r, "riskyUsers");
        if (!changes) {
            Duration maxCheckInAge = FactsJson.readMaxCheckInAge(r).orElse(null);
            return problems.errors.isEmpty() ? new FactFeed.Listing(new Facts(epoch, sequence,
                    new DeviceInventory(devices, maxCheckInAge), riskyUsers)) : null;
        }
        Set<String> removedDevices = new LinkedHashSet<>(r.strings("removedDevices"));
        Set<String> removedRiskyUsers = new LinkedHashSet<>(r.strings("removedRiskyUsers"));
        return problems.errors.isEmpty() ? new FactFeed.Changes(epoch, since, sequence, devices, removedDevices,
                riskyUsers, removedRiskyUsers) : null;
    }

    private static long nonNegative(JsonReader r, String field) {
        long value = r.integer(field).orElse(-1L);
        if (value < 0) {
            r.problems().error(field, "required: a non-negative whole number");
        }
        return value;
    }
}
