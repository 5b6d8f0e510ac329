package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.util.List;
import java.util.Optional;

/**
 * The policies this node enforces: the active signed snapshot (kept fresh by its puller, if the
 * node has a source), or until one ever arrives the fail-secure default. Also the facts (device
 * inventory, risky users) for the signal sources.
 */
public final class PolicySource implements AutoCloseable {

    /** What to do before any snapshot was ever loaded. */
    public enum FailSecureDefault {
        REQUIRE_MFA,
        BLOCK
    }

    static final String FAIL_SECURE_POLICY_ID = "portcullis-fail-secure-default";

    private final SnapshotStore store;
    private final FactStore facts;
    private final Optional<SnapshotPuller> puller;
    private final Evaluator failSecure;

    public PolicySource(SnapshotStore store, FactStore facts, Optional<SnapshotPuller> puller,
            FailSecureDefault failSecureDefault) {
        this.store = store;
        this.facts = facts;
        this.puller = puller;
        this.failSecure = Evaluator.of(failSecurePolicies(failSecureDefault));
    }

    /** Until a snapshot arrives, one policy for everyone: require MFA, or block. */
    static PolicySet failSecurePolicies(FailSecureDefault mode) {
        GrantControls grant = mode == FailSecureDefault.BLOCK
                ? GrantControls.block()
                : GrantControls.require(GrantOperator.OR, BuiltInControl.MFA);
        ConditionalAccessPolicy policy = new ConditionalAccessPolicy(FAIL_SECURE_POLICY_ID,
                "Portcullis fail-secure default (no policy snapshot loaded yet)", PolicyState.ENABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all()), grant, SessionControls.none());
        return PolicySet.of(List.of(policy), List.of());
    }

    public Evaluation evaluate(SignIn signIn) {
        return store.active().map(SnapshotStore.Active::evaluator).orElse(failSecure).evaluate(signIn);
    }

    /** The snapshot enforced, empty while the fail-secure default is in force. */
    public Optional<PolicySnapshot> snapshot() {
        return store.active().map(SnapshotStore.Active::snapshot);
    }

    /**
     * The facts (devices, users at risk) the node decides with: the fact feed's when the snapshot says
     * they travel there, else the snapshot's own. Empty while they are not known, which signal
     * sources read as "unknown", never as "no risk".
     */
    public Optional<Facts> facts() {
        return snapshot().flatMap(s -> s.factFeed() ? facts.facts() : s.facts());
    }

    /** The version enforced, empty while the fail-secure default is in force. */
    public Optional<Long> snapshotVersion() {
        return snapshot().map(PolicySnapshot::version);
    }

    @Override
    public void close() {
        puller.ifPresent(SnapshotPuller::close);
    }
}
