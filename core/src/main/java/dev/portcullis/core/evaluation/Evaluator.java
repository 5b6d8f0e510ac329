package dev.portcullis.core.evaluation;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides sign-ins against one policy set, following Entra's rules: a policy applies when every
 * configured condition matches (exclude beats include); every enforced policy that applies must be
 * satisfied; any block wins; controls add up across policies; report-only and disabled policies
 * never change the decision. Pure and thread-safe: compile once per policy set, call from any
 * number of threads.
 *
 * <p>The pieces, by name: {@link CompiledPolicy} (one policy, ready to match and explain),
 * {@link GrantAssessor} (does a sign-in meet a policy's grant controls), {@link DecisionCombiner}
 * (how the enforced policies that apply add up) and {@link RegistrationGate} (every rule on
 * registering security info).
 */
public final class Evaluator {

    private final PolicySet policySet;
    private final Map<String, NamedLocation> locations;
    private final CompiledPolicy[] all;
    private final DecisionCombiner combiner;
    private final RegistrationGate gate;

    private Evaluator(PolicySet policySet) {
        this.policySet = policySet;
        this.locations = policySet.namedLocations();
        this.all = policySet.policies().stream().map(p -> CompiledPolicy.compile(p, policySet))
                .toArray(CompiledPolicy[]::new);
        this.combiner = new DecisionCombiner(all, locations);
        this.gate = new RegistrationGate(combiner);
    }

    /** Compiles the set once; keep the evaluator for as long as the set does not change. */
    public static Evaluator of(PolicySet policySet) {
        return new Evaluator(policySet);
    }

    /** One-off evaluation; for repeated use keep {@link #of(PolicySet)}. */
    public static Evaluation evaluate(PolicySet policySet, SignIn signIn) {
        return of(policySet).evaluate(signIn);
    }

    public PolicySet policySet() {
        return policySet;
    }

    public Evaluation evaluate(SignIn signIn) {
        return new Evaluation(decide(signIn), () -> explainAll(signIn));
    }

    /** The decision alone, without per-policy explanations (the login hot path). */
    public Decision decide(SignIn signIn) {
        return gate.decide(signIn, combiner.combine(signIn));
    }

    private List<PolicyOutcome> explainAll(SignIn signIn) {
        List<PolicyOutcome> outcomes = new ArrayList<>(all.length);
        for (CompiledPolicy policy : all) {
            outcomes.add(policy.explain(signIn, locations));
        }
        return outcomes;
    }
}
