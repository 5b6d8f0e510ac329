package dev.portcullis.core.snapshot;

import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.risk.RiskAssessment;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A versioned, complete copy of what a Keycloak node needs to decide sign-ins on its own: the
 * policy set as the control plane published it, the device inventory, and the users whose
 * accounts are at risk. Nodes evaluate from the newest snapshot they hold, so a login never waits
 * on the network.
 *
 * @param version increases with every published change; a node never goes back to a lower one
 * @param riskyUsers user risk by user id; users not listed carry no user risk
 */
public record PolicySnapshot(
        long version,
        Instant publishedAt,
        PolicySet policySet,
        DeviceInventory devices,
        Map<String, RiskAssessment> riskyUsers) {

    public PolicySnapshot {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(policySet, "policySet");
        Objects.requireNonNull(devices, "devices");
        riskyUsers = Map.copyOf(riskyUsers);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** A snapshot of policies only: no devices known, no user at risk. */
    public PolicySnapshot(long version, Instant publishedAt, PolicySet policySet) {
        this(version, publishedAt, policySet, DeviceInventory.empty(), Map.of());
    }

    /** The HTTP entity tag for this version (strong: the bytes of a version never change). */
    public String etag() {
        return "\"" + version + "\"";
    }
}
