package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Devices and assessed users at risk as nodes receive them, in a snapshot that carries its facts or
 * in the fact feed: one shape for both. Written sorted by id, so the same facts are the same bytes.
 */
final class FactsJson {

    private static final DeviceCodec DEVICES = DeviceCodec.instance();

    private FactsJson() {}

    static void writeDevices(ArrayNode array, Collection<Device> devices) {
        devices.stream().sorted(Comparator.comparing(Device::id)).forEach(d -> array.add(DEVICES.write(d)));
    }

    static List<Device> readDevices(JsonReader r, String field) {
        return r.each(field, DEVICES::read);
    }

    static void writeMaxCheckInAge(ObjectNode node, DeviceInventory devices) {
        node.put("deviceCheckInMaxAge", devices.maxCheckInAge().toString());
    }

    /** The check-in age a snapshot or listing names; empty (with a problem) when it is not a duration. */
    static Optional<Duration> readMaxCheckInAge(JsonReader r) {
        Optional<String> text = r.string("deviceCheckInMaxAge");
        if (text.isEmpty()) {
            return Optional.of(DeviceInventory.MAX_CHECK_IN_AGE);
        }
        try {
            return Optional.of(Duration.parse(text.get()));
        } catch (DateTimeParseException e) {
            r.problems().error("deviceCheckInMaxAge", "expected an ISO-8601 duration such as PT720H");
            return Optional.empty();
        }
    }

    static void writeRiskyUsers(ArrayNode array, Map<String, RiskAssessment> riskyUsers) {
        riskyUsers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode user = array.addObject();
            user.put("id", e.getKey());
            user.put("riskLevel", e.getValue().level().graphName());
            RiskyUserCodec.writeReasons(user.putArray("riskReasons"), e.getValue());
        });
    }

    /** Each risky user's assessment as the control plane made it: the node does not recompute it. */
    static Map<String, RiskAssessment> readRiskyUsers(JsonReader r, String field) {
        Map<String, RiskAssessment> riskyUsers = new LinkedHashMap<>();
        for (JsonReader user : r.objects(field)) {
            String userId = user.requiredString("id");
            RiskLevel level = user.enumValue("riskLevel", RiskLevel.class).orElse(RiskLevel.HIGH);
            List<RiskAssessment.FiredRule> rules = new ArrayList<>();
            for (JsonReader rule : user.objects("riskReasons")) {
                rules.add(new RiskAssessment.FiredRule(rule.requiredString("rule"),
                        rule.enumValue("riskLevel", RiskLevel.class).orElse(level), rule.string("detail").orElse("")));
            }
            riskyUsers.put(userId, new RiskAssessment(level, rules));
        }
        return riskyUsers;
    }
}
