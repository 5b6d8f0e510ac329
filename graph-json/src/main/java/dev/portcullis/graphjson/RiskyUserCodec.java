package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Graph's riskyUser ({@code riskLevel}, {@code riskState}, {@code riskDetail},
 * {@code riskLastUpdatedDateTime}) as assessed when written, plus what it was assessed from under
 * {@code portcullis}: the events and the last remediation. Reading takes only the latter, so the
 * level is always recomputed, never trusted from the document.
 */
public final class RiskyUserCodec {

    private static final RiskyUserCodec INSTANCE = new RiskyUserCodec();

    private RiskyUserCodec() {}

    public static RiskyUserCodec instance() {
        return INSTANCE;
    }

    /** A risky user as stored: the events and remediation its level is computed from. */
    public Parsed<RiskyUser> read(JsonNode json) {
        return JsonReader.document(json, ReadMode.STRICT, JsonReader.AN_OBJECT, this::read);
    }

    /** Graph's riskyUser, assessed as given, with what the assessment came from. */
    public ObjectNode write(RiskyUser user, RiskAssessment assessment, String riskState) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", user.userId());
        node.put("isDeleted", false);
        node.put("isProcessing", false);
        node.put("riskLevel", assessment.level().graphName());
        node.put("riskState", riskState);
        node.put("riskDetail", riskDetail(riskState));
        Optional<Instant> last = user.events().stream().map(UserRiskEvent::at).max(Instant::compareTo);
        Optional<Instant> updated = user.remediatedAt().filter(r -> last.map(r::isAfter).orElse(true)).or(() -> last);
        node.put("riskLastUpdatedDateTime", updated.map(Instant::toString).orElse(null));
        ObjectNode portcullis = node.putObject("portcullis");
        writeReasons(portcullis.putArray("riskReasons"), assessment);
        ArrayNode events = portcullis.putArray("events");
        for (UserRiskEvent event : user.events()) {
            ObjectNode e = events.addObject();
            if (event instanceof UserRiskEvent.ConfirmedCompromised confirmed) {
                e.put("type", "confirmedCompromised").put("by", confirmed.by());
            } else {
                e.put("type", "highRiskSignIn");
            }
            e.put("dateTime", event.at().toString());
        }
        portcullis.put("remediatedDateTime", user.remediatedAt().map(Instant::toString).orElse(null));
        portcullis.put("remediation", user.remediation());
        return node;
    }

    /** The rules an assessment fired, each with its level and detail. */
    static void writeReasons(ArrayNode reasons, RiskAssessment assessment) {
        assessment.firedRules().forEach(rule -> reasons.addObject().put("rule", rule.rule())
                .put("riskLevel", rule.level().graphName()).put("detail", rule.detail()));
    }

    /** Graph's riskDetail: what last changed the risk. */
    private static String riskDetail(String riskState) {
        switch (riskState) {
            case "confirmedCompromised":
                return "adminConfirmedUserCompromised";
            case "remediated":
                return "userPerformedSecuredPasswordChange";
            case "dismissed":
                return "adminDismissedAllRiskForUser";
            default:
                return "none";
        }
    }

    RiskyUser read(JsonReader r) {
        r.onlyKnownFields(Set.of("id", "isDeleted", "isProcessing", "riskLevel", "riskState", "riskDetail",
                "riskLastUpdatedDateTime", "userDisplayName", "userPrincipalName", "portcullis"));
        String id = r.requiredString("id");
        List<UserRiskEvent> events = new ArrayList<>();
        Optional<Instant> remediatedAt = Optional.empty();
        String remediation = "";
        Optional<JsonReader> portcullis = r.object("portcullis");
        if (portcullis.isPresent()) {
            JsonReader p = portcullis.get();
            for (JsonReader e : p.objects("events")) {
                Instant at = e.instant("dateTime");
                String type = e.requiredString("type");
                if (at == null) {
                    continue;
                }
                if (type.equals("confirmedCompromised")) {
                    events.add(new UserRiskEvent.ConfirmedCompromised(at, e.string("by").orElse("")));
                } else if (type.equals("highRiskSignIn")) {
                    events.add(new UserRiskEvent.HighRiskSignIn(at));
                } else {
                    e.problems().error(e.path("type"), "unknown value '" + type
                            + "'; allowed: confirmedCompromised, highRiskSignIn");
                }
            }
            if (p.string("remediatedDateTime").isPresent()) {
                remediatedAt = Optional.ofNullable(p.instant("remediatedDateTime"));
            }
            remediation = p.string("remediation").orElse("");
        }
        return new RiskyUser(id, events, remediatedAt, remediation);
    }
}
