package dev.portcullis.benchmarks.peers;

import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
import dev.portcullis.benchmarks.peers.PeerScenario.SignIn;
import java.util.ArrayList;
import java.util.List;

/**
 * Before anything is timed: every engine must give Portcullis' answer (allow / block / require
 * MFA) for every generated sign-in. A difference means the engines do not decide the same question,
 * and the run stops.
 */
public final class PeerCorrectnessGate {

    private PeerCorrectnessGate() {}

    /** Sign-ins on which {@code engine} disagrees with {@code reference}, described. */
    public static List<String> differences(
            PeerScenario scenario, PeerEngine.Prepared reference, PeerEngine engine, PeerEngine.Prepared prepared) {
        List<String> differences = new ArrayList<>();
        List<SignIn> signIns = scenario.signIns();
        for (int i = 0; i < signIns.size(); i++) {
            Outcome ours = reference.decide(i);
            Outcome theirs = prepared.decide(i);
            if (ours != theirs) {
                differences.add(engine.name() + " says " + theirs + ", portcullis says " + ours + " for "
                        + signIns.get(i));
            }
        }
        return differences;
    }

    /** Throws, listing the first differences, unless the engine agrees on every sign-in. */
    public static void requireAgreement(
            PeerScenario scenario, PeerEngine.Prepared reference, PeerEngine engine, PeerEngine.Prepared prepared) {
        List<String> differences = differences(scenario, reference, engine, prepared);
        if (!differences.isEmpty()) {
            throw new IllegalStateException(differences.size() + " of " + scenario.signIns().size()
                    + " sign-ins decided differently at " + scenario.size() + " policies; first: "
                    + String.join("\n  ", differences.subList(0, Math.min(10, differences.size()))));
        }
    }
}
