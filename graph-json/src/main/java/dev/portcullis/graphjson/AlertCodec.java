package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.alert.HighRiskAlert;

/** A high-risk alert as the API lists it and the webhook posts it. */
public final class AlertCodec {

    private static final AlertCodec INSTANCE = new AlertCodec();

    private AlertCodec() {}

    public static AlertCodec instance() {
        return INSTANCE;
    }

    public Parsed<HighRiskAlert> read(JsonNode json) {
        return JsonReader.document(json, ReadMode.STRICT, JsonReader.AN_OBJECT, this::read);
    }

    /** The body of an alert webhook. */
    public byte[] bytes(HighRiskAlert alert) {
        return JsonText.shared().bytes(write(alert));
    }

    HighRiskAlert read(JsonReader r) {
        r.onlyKnownFields(java.util.Set.of("id", "type", "raisedDateTime", "signInId", "userId", "appId", "ipAddress",
                "countryOrRegion", "riskReasons", "blockReasons", "acknowledgement"));
        String id = r.requiredString("id");
        java.time.Instant raised = r.instant("raisedDateTime");
        java.util.Optional<HighRiskAlert.Acknowledgement> ack = r.object("acknowledgement").map(a -> new HighRiskAlert.Acknowledgement(
                a.requiredString("by"), a.instant("dateTime"), a.string("comment").orElse("")));
        if (raised == null) {
            return null;
        }
        return new HighRiskAlert(id, raised, r.requiredString("signInId"), r.requiredString("userId"),
                r.requiredString("appId"), r.string("ipAddress"), r.string("countryOrRegion"), r.strings("riskReasons"),
                r.strings("blockReasons"), ack);
    }

    public ObjectNode write(HighRiskAlert alert) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", alert.id());
        node.put("type", "highRiskSignInBlocked");
        node.put("raisedDateTime", alert.raisedAt().toString());
        node.put("signInId", alert.signInId());
        node.put("userId", alert.userId());
        node.put("appId", alert.application());
        node.put("ipAddress", alert.ipAddress().orElse(null));
        node.put("countryOrRegion", alert.country().orElse(null));
        ArrayNode risk = node.putArray("riskReasons");
        alert.riskReasons().forEach(risk::add);
        ArrayNode block = node.putArray("blockReasons");
        alert.blockReasons().forEach(block::add);
        if (alert.acknowledgement().isPresent()) {
            HighRiskAlert.Acknowledgement ack = alert.acknowledgement().get();
            ObjectNode a = node.putObject("acknowledgement");
            a.put("by", ack.by());
            a.put("dateTime", ack.at().toString());
            a.put("comment", ack.comment());
        } else {
            node.putNull("acknowledgement");
        }
        return node;
    }
}
