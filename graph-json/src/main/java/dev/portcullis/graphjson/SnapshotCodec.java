package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.tap.TemporaryAccessPass;
import dev.portcullis.core.validation.ValidationProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy snapshot Keycloak nodes pull: its epoch and version, the policies with the named
 * locations and custom strengths they name and the temporary access passes (their verifiers, never
 * a pass), each in its Graph shape; and either the device inventory and the risky users, or
 * {@code "factFeed": true} when those travel in the fact feed ({@link FactFeedCodec}). Collections are written sorted by id, so one snapshot is always the same bytes.
 */
public final class SnapshotCodec {

    private static final SnapshotCodec INSTANCE = new SnapshotCodec();
    private static final Set<String> FIELDS = Set.of("epoch", "version", "publishedAt", "policies", "namedLocations",
            "authenticationStrengths", "deviceCheckInMaxAge", "devices", "riskyUsers",
            "temporaryAccessPasses", "factFeed");

    private final PolicyCodec policies = PolicyCodec.instance();
    private final NamedLocationCodec locations = NamedLocationCodec.instance();
    private final AuthenticationStrengthCodec strengths = AuthenticationStrengthCodec.instance();
    private final TemporaryAccessPassJson passes = TemporaryAccessPassJson.instance();

    private SnapshotCodec() {}

    public static SnapshotCodec instance() {
        return INSTANCE;
    }

    public byte[] write(PolicySnapshot snapshot) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("epoch", snapshot.epoch());
        node.put("version", snapshot.version());
        node.put("publishedAt", snapshot.publishedAt().toString());
        PolicySet set = snapshot.policySet();
        ArrayNode policyArray = node.putArray("policies");
        set.policies().forEach(p -> policyArray.add(policies.write(p)));
        ArrayNode locationArray = node.putArray("namedLocations");
        set.namedLocations().values().stream().sorted(Comparator.comparing(NamedLocation::id))
                .forEach(l -> locationArray.add(locations.write(l)));
        ArrayNode strengthArray = node.putArray("authenticationStrengths");
        set.authenticationStrengths().values().stream().filter(s -> !s.builtIn())
                .sorted(Comparator.comparing(AuthenticationStrength::id)).forEach(s -> strengthArray.add(strengths.write(s)));
        if (snapshot.factFeed()) {
            node.put("factFeed", true);
        } else {
            FactsJson.writeMaxCheckInAge(node, snapshot.devices());
            FactsJson.writeDevices(node.putArray("devices"), snapshot.devices().devices());
            FactsJson.writeRiskyUsers(node.putArray("riskyUsers"), snapshot.riskyUsers());
        }
        ArrayNode passArray = node.putArray("temporaryAccessPasses");
        snapshot.temporaryAccessPasses().values().stream().sorted(Comparator.comparing(TemporaryAccessPass::userId))
                .forEach(p -> passArray.add(passes.writeKept(p)));
        return JsonText.shared().bytes(node);
    }

    /**
     * Reads a snapshot; it is whole and valid or it is refused. Documents are read leniently, as the
     * control plane accepted them, so parts Portcullis cannot enforce come back as warnings.
     */
    public Parsed<PolicySnapshot> read(byte[] json) {
        return JsonText.shared().read(json, tree -> JsonReader.document(tree, ReadMode.LENIENT,
                "expected a snapshot object", this::read));
    }

    private PolicySnapshot read(JsonReader r) {
        ReadProblems problems = r.problems();
        r.onlyKnownFields(FIELDS);
        String epoch = r.requiredString("epoch");
        if (r.has("epoch") && !PolicySnapshot.validEpoch(epoch)) {
            problems.error("epoch", "expected 1 to 64 letters, digits or '-'");
        }
        long version = r.integer("version").orElse(-1L);
        if (version < 0) {
            problems.error("version", "required: a non-negative whole number");
        }
        Instant publishedAt = r.instant("publishedAt");
        List<ConditionalAccessPolicy> policyList = r.each("policies", policies::read);
        List<NamedLocation> locationList = r.each("namedLocations", locations::read);
        List<AuthenticationStrength> strengthList = r.each("authenticationStrengths", strengths::read);
        List<Device> deviceList = FactsJson.readDevices(r, "devices");
        Duration maxCheckInAge = FactsJson.readMaxCheckInAge(r).orElse(null);
        Map<String, RiskAssessment> riskyUsers = FactsJson.readRiskyUsers(r, "riskyUsers");
        boolean factFeed = r.bool("factFeed").orElse(false);
        if (factFeed && (!deviceList.isEmpty() || !riskyUsers.isEmpty())) {
            problems.error("factFeed", "a snapshot whose facts travel in the fact feed lists no devices and no risky users");
        }
        Map<String, TemporaryAccessPass> passByUser = new LinkedHashMap<>();
        r.each("temporaryAccessPasses", passes::readKept).forEach(p -> passByUser.put(p.userId(), p));
        if (!problems.errors.isEmpty() || publishedAt == null) {
            return null;
        }
        List<ValidationProblem> invalid = PolicySet.validate(policyList, locationList, strengthList);
        if (!invalid.isEmpty()) {
            problems.errors.addAll(invalid);
            return null;
        }
        if (maxCheckInAge == null) {
            return null;
        }
        return new PolicySnapshot(epoch, version, publishedAt, PolicySet.of(policyList, locationList, strengthList),
                new DeviceInventory(deviceList, maxCheckInAge), riskyUsers, passByUser, factFeed);
    }
}
