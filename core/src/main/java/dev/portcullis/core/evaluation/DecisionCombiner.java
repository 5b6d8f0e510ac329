package dev.portcullis.core.evaluation;

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.Reason;
import dev.portcullis.core.evaluation.Decision.RegistrationRequirement;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Combines the enforced policies that apply to a sign-in, by Entra's rules: block wins; controls add
 * up (every applicable policy must be satisfied); report-only and disabled policies never decide,
 * so they are not even indexed here. Whether a registration may happen is the
 * {@link RegistrationGate}'s call, not this one's.
 */
final class DecisionCombiner {

    private final CompiledPolicy[] enforced;
    private final PolicyIndex index;
    private final Map<String, NamedLocation> locations;

    DecisionCombiner(CompiledPolicy[] policies, Map<String, NamedLocation> locations) {
        this.enforced = Arrays.stream(policies).filter(CompiledPolicy::enforced).toArray(CompiledPolicy[]::new);
        this.index = new PolicyIndex(Arrays.stream(enforced).map(CompiledPolicy::policy).toList());
        this.locations = locations;
    }

    /**
     * What the enforced policies that apply demand together, each list sorted by policy id so that the
     * decision never depends on the order policies are listed in.
     */
    record Combined(
            List<Reason> blocks,
            List<AuthenticationRequirement> authentication,
            List<String> passwordChange,
            List<RegistrationRequirement> registrations) {

        /**
         * Any block wins; otherwise step-ups (with registered methods) and password changes come
         * first, and registrations follow on re-evaluation; otherwise registrations, still subject
         * to the gate.
         */
        Decision decision() {
            if (!blocks.isEmpty()) {
                return new Decision.Block(blocks);
            }
            if (!authentication.isEmpty() || !passwordChange.isEmpty()) {
                return new Decision.RequireControls(authentication, passwordChange);
            }
            return registrations.isEmpty() ? Decision.ALLOW : new Decision.RegistrationRequired(registrations);
        }
    }

    Combined combine(SignIn signIn) {
        long[] candidates = index.candidates(signIn);
        List<Reason> blocks = null;
        List<AuthenticationRequirement> authentication = null;
        List<RegistrationRequirement> registration = null;
        List<String> passwordChange = null;
        for (int w = 0; w < candidates.length; w++) {
            long word = candidates[w];
            while (word != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                CompiledPolicy policy = enforced[i];
                if (!policy.applies(signIn, locations)) {
                    continue;
                }
                GrantAssessment assessment = policy.assess(signIn);
                if (assessment instanceof GrantAssessment.Blocked) {
                    blocks = add(blocks, new Reason(policy.id(), policy.name(), "blocked by policy"));
                } else if (assessment instanceof GrantAssessment.Unsatisfiable u) {
                    blocks = add(blocks, new Reason(policy.id(), policy.name(), u.message()));
                } else if (assessment instanceof GrantAssessment.Pending p) {
                    authentication = addAll(authentication, p.authentication());
                    registration = addAll(registration, p.registration());
                    if (p.passwordChange()) {
                        passwordChange = add(passwordChange, policy.id());
                    }
                }
            }
        }
        return new Combined(sorted(blocks, Comparator.comparing(Reason::policyId)),
                sorted(authentication, Comparator.comparing(AuthenticationRequirement::policyId)),
                sorted(passwordChange, Comparator.naturalOrder()),
                sorted(registration, Comparator.comparing(RegistrationRequirement::policyId)));
    }

    // The lists stay null until needed: most sign-ins meet few policies, and the login path allocates little.

    private static <T> List<T> add(List<T> list, T value) {
        List<T> result = list == null ? new ArrayList<>(2) : list;
        result.add(value);
        return result;
    }

    private static <T> List<T> addAll(List<T> list, List<T> values) {
        if (values.isEmpty()) {
            return list;
        }
        List<T> result = list == null ? new ArrayList<>(values.size() + 1) : list;
        result.addAll(values);
        return result;
    }

    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        if (list == null) {
            return List.of();
        }
        list.sort(order); // stable: one policy's requirements keep their order
        return list;
    }
}
