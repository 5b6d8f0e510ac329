package dev.portcullis.benchmarks.peers;

import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
import dev.portcullis.benchmarks.peers.PeerScenario.SignIn;
import java.util.List;
import java.util.function.Function;

/**
 * One policy engine with the scenario encoded in its own language. Sign-ins are translated into
 * the engine's own request form once, before any timing: what is timed is the decision and the
 * reading of its answer as allow / block / require MFA.
 */
public interface PeerEngine {

    String name();

    /** How many policies, rules or rows the engine holds for the scenario (its own unit). */
    int nativeRuleCount();

    Prepared prepare(List<SignIn> signIns);

    /** The sign-ins in the engine's request form. */
    interface Prepared {
        int size();

        Outcome decide(int index);

        /** Requests already in the engine's form, each decided by {@code decide}. */
        static <R> Prepared of(R[] requests, Function<? super R, Outcome> decide) {
            return new Prepared() {
                @Override
                public int size() {
                    return requests.length;
                }

                @Override
                public Outcome decide(int index) {
                    return decide.apply(requests[index]);
                }
            };
        }
    }
}
