package dev.portcullis.core.snapshot;

import dev.portcullis.core.evaluation.PolicySet;
import java.time.Instant;
import java.util.Objects;

/**
 * A versioned, complete copy of the policy set as the control plane published it. Keycloak nodes
 * evaluate from the newest snapshot they hold, so a login never waits on the network.
 *
 * @param version increases with every published change; a node never goes back to a lower one
 */
public record PolicySnapshot(long version, Instant publishedAt, PolicySet policySet) {

    public PolicySnapshot {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(policySet, "policySet");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** The HTTP entity tag for this version (strong: the bytes of a version never change). */
    public String etag() {
        return "\"" + version + "\"";
    }
}
