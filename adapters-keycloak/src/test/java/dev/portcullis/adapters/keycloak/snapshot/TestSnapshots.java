package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Snapshots as the control plane sends them, signed: one policy, named so a test can tell versions
 * apart. The control plane's key is the one the node trusts; an attacker's is another.
 */
public final class TestSnapshots {

    public static final SigningKey CONTROL_PLANE = SigningKey.generate();
    public static final TrustedKeys TRUSTED = TrustedKeys.of(List.of(CONTROL_PLANE.publicKey()));
    public static final String EPOCH = "3f6c1e2a-0000-4000-8000-000000000001";
    private static final SnapshotCodec SNAPSHOTS = SnapshotCodec.instance();

    private TestSnapshots() {}

    public static byte[] snapshot(long version, String policyName) {
        return signed(CONTROL_PLANE, EPOCH, version, policyName, Instant.now());
    }

    static byte[] signed(SigningKey key, String epoch, long version, String policyName, Instant signedAt) {
        return SnapshotEnvelope.seal(json(epoch, version, policyName), key, signedAt);
    }

    /** A snapshot whose facts travel in the fact feed, as the control plane publishes it. */
    static byte[] withFactFeed(long version) {
        return SnapshotEnvelope.seal(SNAPSHOTS.write(PolicySnapshot.withFactFeed(EPOCH, version, Instant.now(),
                PolicySet.of(List.of(), List.of()), Map.of())), CONTROL_PLANE, Instant.now());
    }

    /** An answer of the fact feed, signed with the control plane's key. */
    static byte[] facts(FactFeed answer) {
        return SnapshotEnvelope.seal(FactFeedCodec.instance().write(answer), CONTROL_PLANE, Instant.now());
    }

    /** The snapshot's JSON alone, as an old control plane (or an attacker) would serve it: unsigned. */
    static byte[] json(String epoch, long version, String policyName) {
        ConditionalAccessPolicy policy = new ConditionalAccessPolicy("p1", policyName, PolicyState.ENABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all()), GrantControls.block(),
                SessionControls.none());
        return SNAPSHOTS.write(new PolicySnapshot(epoch, version, Instant.now(), PolicySet.of(List.of(policy), List.of())));
    }
}
