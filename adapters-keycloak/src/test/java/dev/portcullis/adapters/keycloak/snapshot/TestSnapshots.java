package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.GraphJson;
import java.time.Instant;
import java.util.List;

/** A snapshot as the control plane sends it: one policy, named so a test can tell versions apart. */
final class TestSnapshots {

    private TestSnapshots() {}

    static byte[] snapshot(GraphJson json, long version, String policyName) {
        ConditionalAccessPolicy policy = new ConditionalAccessPolicy("p1", policyName, PolicyState.ENABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all()), GrantControls.block(),
                SessionControls.none());
        return json.writeSnapshot(new PolicySnapshot(version, Instant.now(), PolicySet.of(List.of(policy), List.of())));
    }
}
