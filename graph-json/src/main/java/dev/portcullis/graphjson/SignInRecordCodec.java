package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.DeviceDetail;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sign-in record shaped like Graph's signIn resource ({@code appliedConditionalAccessPolicies},
 * {@code conditionalAccessStatus}), with Portcullis' decision under {@code portcullis}.
 */
public final class SignInRecordCodec {

    private static final SignInRecordCodec INSTANCE = new SignInRecordCodec();


    private SignInRecordCodec() {}

    public static SignInRecordCodec instance() {
        return INSTANCE;
    }

    public Parsed<SignInRecord> read(JsonNode json) {
        return JsonReader.document(json, ReadMode.STRICT, JsonReader.AN_OBJECT, this::read);
    }

    /** An array of records; one bad record rejects the batch, with paths such as {@code [3].userId}. */
    public Parsed<List<SignInRecord>> readAll(byte[] json) {
        return JsonText.shared().read(json, tree -> {
            ReadProblems problems = new ReadProblems(ReadMode.STRICT);
            if (!tree.isArray()) {
                problems.error("", "expected an array of sign-in records");
                return problems.result(null);
            }
            return problems.result(JsonReader.eachOf(tree, problems, this::read));
        });
    }

    public byte[] bytes(SignInRecord record) {
        return JsonText.shared().bytes(write(record));
    }

    /** Several records as one JSON array: the body a Keycloak node posts to the control plane. */
    public byte[] bytes(List<SignInRecord> records) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        records.forEach(r -> array.add(write(r)));
        return JsonText.shared().bytes(array);
    }

    public ObjectNode write(SignInRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", record.id());
        record.correlationId().ifPresent(c -> node.put("correlationId", c));
        node.put("createdDateTime", record.time().toString());
        node.put("userId", record.userId());
        node.put("appId", record.target());
        node.put("clientAppUsed", record.clientAppType().graphName());
        node.put("ipAddress", record.ipAddress().orElse(null));
        node.putObject("location").put("countryOrRegion", record.country().orElse(null));
        DeviceDetail device = record.deviceDetail();
        ObjectNode deviceDetail = node.putObject("deviceDetail");
        deviceDetail.put("operatingSystem", device.operatingSystem().map(DevicePlatform::graphName).orElse(null));
        device.deviceId().ifPresent(id -> deviceDetail.put("deviceId", id));
        device.displayName().ifPresent(name -> deviceDetail.put("displayName", name));
        deviceDetail.put("isCompliant", device.isCompliant()).put("isManaged", device.isManaged())
                .put("trustType", device.trustType());
        node.put("riskLevelDuringSignIn", record.signInRisk().graphName());
        node.put("conditionalAccessStatus", status(record));
        ObjectNode portcullis = node.putObject("portcullis");
        portcullis.put("realm", record.realm());
        portcullis.put("decision", record.decision());
        ArrayNode details = portcullis.putArray("decisionDetails");
        record.decisionDetails().forEach(details::add);
        ArrayNode risk = portcullis.putArray("riskReasons");
        record.riskReasons().forEach(risk::add);
        record.passwordChangedAt().ifPresent(at -> portcullis.put("passwordChangedDateTime", at.toString()));
        ArrayNode policies = node.putArray("appliedConditionalAccessPolicies");
        for (PolicyOutcome outcome : record.policyOutcomes()) {
            ObjectNode p = policies.addObject();
            p.put("id", outcome.policyId());
            p.put("displayName", outcome.displayName());
            p.put("result", outcome.result().graphName());
            ArrayNode reasons = p.putArray("reasons");
            outcome.reasons().forEach(reasons::add);
        }
        return node;
    }

    /** Graph's summary: failure when blocked, success when an enforced policy applied and passed. */
    private static String status(SignInRecord record) {
        switch (record.decision()) {
            case "block":
                return "failure";
            case "allow":
                return record.policyOutcomes().stream().anyMatch(o -> o.result() == PolicyOutcome.Result.SUCCESS)
                        ? "success" : "notApplied";
            default:
                return "unknownFutureValue"; // a prompt or registration is under way
        }
    }

    SignInRecord read(JsonReader r) {
        r.onlyKnownFields(Set.of("id", "correlationId", "createdDateTime", "userId", "appId", "clientAppUsed",
                "ipAddress", "location", "deviceDetail", "riskLevelDuringSignIn", "conditionalAccessStatus", "portcullis",
                "appliedConditionalAccessPolicies"));
        String id = r.requiredString("id");
        Instant time = r.instant("createdDateTime");
        String userId = r.requiredString("userId");
        String appId = r.requiredString("appId");
        ClientAppType type = r.enumValue("clientAppUsed", ClientAppType.class).orElse(ClientAppType.OTHER);
        Optional<String> ip = r.string("ipAddress");
        Optional<String> country = r.object("location").flatMap(l -> l.string("countryOrRegion"));
        Optional<JsonReader> deviceDetail = r.object("deviceDetail");
        DeviceDetail device = new DeviceDetail(
                deviceDetail.flatMap(d -> d.enumValue("operatingSystem", DevicePlatform.class)),
                deviceDetail.flatMap(d -> d.string("deviceId")), deviceDetail.flatMap(d -> d.string("displayName")),
                deviceDetail.flatMap(d -> d.bool("isCompliant")).orElse(false),
                deviceDetail.flatMap(d -> d.bool("isManaged")).orElse(false),
                deviceDetail.flatMap(d -> d.string("trustType")).orElse(""));
        RiskLevel risk = r.enumValue("riskLevelDuringSignIn", RiskLevel.class).orElse(RiskLevel.UNKNOWN);
        Optional<JsonReader> portcullis = r.object("portcullis");
        if (portcullis.isEmpty()) {
            r.problems().error(r.path("portcullis"), "required: realm, decision and decisionDetails");
        }
        String realm = portcullis.map(p -> p.requiredString("realm")).orElse("");
        String decision = portcullis.map(p -> p.requiredString("decision")).orElse("");
        if (!decision.isEmpty() && !Set.of("allow", "block", "requireControls", "registrationRequired").contains(decision)) {
            r.problems().error(r.path("portcullis.decision"),
                    "unknown value '" + decision + "'; allowed: allow, block, requireControls, registrationRequired");
        }
        List<String> details = portcullis.map(p -> p.strings("decisionDetails")).orElse(List.of());
        List<String> riskReasons = portcullis.map(p -> p.strings("riskReasons")).orElse(List.of());
        Optional<Instant> passwordChangedAt = portcullis.filter(p -> p.has("passwordChangedDateTime"))
                .map(p -> p.instant("passwordChangedDateTime"));
        Optional<String> correlationId = r.string("correlationId");
        if (correlationId.filter(c -> c.isBlank() || c.length() > 200).isPresent()) {
            r.problems().error(r.path("correlationId"), "1 to 200 characters");
        }
        List<PolicyOutcome> outcomes = new ArrayList<>();
        for (JsonReader p : r.objects("appliedConditionalAccessPolicies")) {
            String policyId = p.requiredString("id");
            String name = p.string("displayName").orElse("");
            Optional<String> resultName = p.string("result");
            PolicyOutcome.Result result = null;
            for (PolicyOutcome.Result candidate : PolicyOutcome.Result.values()) {
                if (resultName.isPresent() && candidate.graphName().equals(resultName.get())) {
                    result = candidate;
                }
            }
            if (result == null) {
                p.problems().error(p.path("result"), "unknown or missing result");
                continue;
            }
            outcomes.add(new PolicyOutcome(policyId, name, stateOf(result), result, p.strings("reasons")));
        }
        if (time == null) {
            return null;
        }
        return new SignInRecord(id, time, realm, userId, appId, type, ip, country, device, risk, decision, details,
                outcomes, riskReasons, passwordChangedAt, correlationId);
    }

    private static PolicyState stateOf(PolicyOutcome.Result result) {
        if (result == PolicyOutcome.Result.NOT_ENABLED) {
            return PolicyState.DISABLED;
        }
        return result.graphName().startsWith("reportOnly") ? PolicyState.REPORT_ONLY : PolicyState.ENABLED;
    }
}
