package dev.portcullis.core.snapshot;

import dev.portcullis.core.RecordComponents;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A versioned, complete copy of what a Keycloak node needs to decide sign-ins on its own: the
 * policy set as the control plane published it, the device inventory, and the users whose
 * accounts are at risk. Nodes evaluate from the newest snapshot they hold, so a login never waits
 * on the network.
 *
 * @param epoch the control plane database's random id, made once with it: versions count within an epoch, and a
 *     rebuilt database starts a new epoch whose versions start again
 * @param version increases with every published change; within an epoch a node never goes back to a lower one
 * @param riskyUsers user risk by user id; users not listed carry no user risk
 * @param temporaryAccessPasses each user's temporary access pass not yet expired, by user id, with its
 *     verifier (never the pass): a node checks a typed pass against it
 * @param factFeed whether the devices and users at risk travel in the fact feed ({@link FactFeed}) instead,
 *     as the control plane publishes them: then this snapshot lists none, and a node that has not yet
 *     listed the facts knows it does not know them. A snapshot file carries its facts itself.
 */
public record PolicySnapshot(
        String epoch,
        long version,
        Instant publishedAt,
        PolicySet policySet,
        DeviceInventory devices,
        Map<String, RiskAssessment> riskyUsers,
        Map<String, TemporaryAccessPass> temporaryAccessPasses,
        boolean factFeed) {

    public PolicySnapshot {
        RecordComponents.requireNonNull("epoch publishedAt policySet devices", epoch, publishedAt, policySet, devices);
        riskyUsers = Map.copyOf(riskyUsers);
        temporaryAccessPasses = Map.copyOf(temporaryAccessPasses);
        if (!validEpoch(epoch)) {
            throw new IllegalArgumentException("epoch must be 1 to 64 letters, digits or '-': " + epoch);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
        if (factFeed && (!devices.devices().isEmpty() || !riskyUsers.isEmpty())) {
            throw new IllegalArgumentException("a snapshot whose facts travel in the fact feed lists none itself");
        }
    }

    /** A snapshot that carries its facts itself. */
    public PolicySnapshot(String epoch, long version, Instant publishedAt, PolicySet policySet,
            DeviceInventory devices, Map<String, RiskAssessment> riskyUsers,
            Map<String, TemporaryAccessPass> temporaryAccessPasses) {
        this(epoch, version, publishedAt, policySet, devices, riskyUsers, temporaryAccessPasses, false);
    }

    /** A snapshot whose facts travel in the fact feed: it lists no device and no user at risk. */
    public static PolicySnapshot withFactFeed(String epoch, long version, Instant publishedAt, PolicySet policySet,
            Map<String, TemporaryAccessPass> temporaryAccessPasses) {
        return new PolicySnapshot(epoch, version, publishedAt, policySet, DeviceInventory.empty(), Map.of(),
                temporaryAccessPasses, true);
    }

    /** The facts this snapshot carries itself; none when they travel in the fact feed. */
    public Optional<Facts> facts() {
        return factFeed ? Optional.empty() : Optional.of(new Facts(epoch, version, devices, riskyUsers));
    }

    /** A snapshot without temporary access passes. */
    public PolicySnapshot(String epoch, long version, Instant publishedAt, PolicySet policySet,
            DeviceInventory devices, Map<String, RiskAssessment> riskyUsers) {
        this(epoch, version, publishedAt, policySet, devices, riskyUsers, Map.of());
    }

    /** A snapshot of policies only: no devices known, no user at risk. */
    public PolicySnapshot(String epoch, long version, Instant publishedAt, PolicySet policySet) {
        this(epoch, version, publishedAt, policySet, DeviceInventory.empty(), Map.of());
    }

    /** An epoch goes into an HTTP entity tag as it is: letters, digits and '-' only (a UUID, typically). */
    public static boolean validEpoch(String epoch) {
        return epoch != null && epoch.matches("[A-Za-z0-9-]{1,64}");
    }

    /** The HTTP entity tag for this version: within an epoch, a version names one content. */
    public String etag() {
        return etag(epoch, version);
    }

    /** The entity tag of a version within an epoch: the control plane answers with it, a node asks with it. */
    public static String etag(String epoch, long version) {
        return "\"" + epoch + "." + version + "\"";
    }
}
