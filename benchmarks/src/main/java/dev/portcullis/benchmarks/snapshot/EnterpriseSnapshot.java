package dev.portcullis.benchmarks.snapshot;

import dev.portcullis.benchmarks.evaluator.RolloutAtScale;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.RiskAssessment.FiredRule;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The snapshot an enterprise's nodes carry today: the {@link RolloutAtScale} policies, an inventory of
 * devices as Intune reports them (Graph ids, owner, operating system and version, manufacturer and model,
 * compliance, last sync within the 30-day window) and users at risk with the rules the assessor fires.
 * Deterministic for a size: the same ids come back from {@link #deviceId} and {@link #userId}.
 *
 * @param label how the size is written in a JMH parameter: policies/devices/riskyUsers
 */
public record EnterpriseSnapshot(String label, int policies, int devices, int riskyUsers) {

    static final String EPOCH = "8b1f6c2e-0000-4000-8000-000000000000";
    static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");
    private static final long SEED = 42;
    private static final List<Model> MODELS = List.of(
            new Model(DevicePlatform.WINDOWS, "Dell Inc.", "Latitude 7440", "10.0.22631.4602"),
            new Model(DevicePlatform.WINDOWS, "LENOVO", "ThinkPad T14 Gen 4", "10.0.26100.2314"),
            new Model(DevicePlatform.MACOS, "Apple", "MacBookPro18,3", "15.1.1"),
            new Model(DevicePlatform.IOS, "Apple", "iPhone15,2", "18.1.1"),
            new Model(DevicePlatform.ANDROID, "samsung", "SM-S918B", "14"));

    private record Model(DevicePlatform os, String manufacturer, String name, String version) {}

    /** "10000/100000/100000" as a JMH parameter writes it. */
    public static EnterpriseSnapshot of(String label) {
        String[] parts = label.split("/");
        return new EnterpriseSnapshot(label, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]));
    }

    public PolicySnapshot build(long version) {
        return new PolicySnapshot(EPOCH, version, NOW, RolloutAtScale.policies(policies, SEED), inventory(),
                risk());
    }

    /** The same snapshot without its facts: what the policies alone weigh. */
    public PolicySnapshot policiesOnly() {
        return new PolicySnapshot(EPOCH, 1, NOW, RolloutAtScale.policies(policies, SEED));
    }

    public static String deviceId(int i) {
        return new UUID(0x5EED_0000_0000_4000L | i, 0x8000_0000_0000_0000L | i).toString();
    }

    public static String userId(int i) {
        return new UUID(0x0BAD_0000_0000_4000L | i, 0x8000_0000_0000_0000L | i).toString();
    }

    /** The i-th device, as its MDM reports it (a check-in that changes compliance rewrites one of these). */
    public static Device device(int i, Random random) {
        Model model = MODELS.get(i % MODELS.size());
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("manufacturer", List.of(model.manufacturer()));
        attributes.put("model", List.of(model.name()));
        attributes.put("operatingSystemVersion", List.of(model.version()));
        return new Device(deviceId(i), "CORP-" + Integer.toString(0x100000 + i, 36).toUpperCase(),
                Optional.of(userId(i)), Optional.of(model.os()), random.nextInt(10) != 0, true,
                i % 5 < 2 ? "AzureAd" : "Workplace", i % 7 == 0 ? "personal" : "company", NOW.minus(Duration.ofMinutes(random.nextInt(8 * 60 * 24))),
                attributes);
    }

    private DeviceInventory inventory() {
        Random random = new Random(SEED);
        List<Device> list = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            list.add(device(i, random));
        }
        return new DeviceInventory(list, DeviceInventory.MAX_CHECK_IN_AGE);
    }

    /** Users at risk as the assessor rates them: most medium (one high-risk sign-in), some high, a few compromised. */
    private Map<String, RiskAssessment> risk() {
        Map<String, RiskAssessment> users = new LinkedHashMap<>();
        for (int i = 0; i < riskyUsers; i++) {
            int kind = i % 10;
            FiredRule rule = kind < 7
                    ? new FiredRule("highRiskSignIn", RiskLevel.MEDIUM, "1 high-risk sign-in(s) in the last 7 days")
                    : kind < 9
                    ? new FiredRule("repeatedHighRiskSignIns", RiskLevel.HIGH, "3 high-risk sign-ins in the last 7 days")
                    : new FiredRule("confirmedCompromised", RiskLevel.HIGH, "confirmed compromised by admin at " + NOW);
            users.put(userId(i), new RiskAssessment(rule.level(), List.of(rule)));
        }
        return users;
    }
}
