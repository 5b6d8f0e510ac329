package dev.portcullis.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark's correctness gate as an ordinary test: at every size, Cedar and jCasbin decide
 * every generated sign-in as Portcullis does, and Portcullis decides as the description reads.
 */
class PeerCorrectnessGateTest {

    @ParameterizedTest
    @ValueSource(ints = {20, 195, 2000})
    void everyEngineGivesPortcullisAnswerForEverySignIn(int size) {
        PeerScenario scenario = PeerScenario.of(size);
        assertThat(scenario.rules()).hasSize(size);
        assertThat(scenario.signIns()).hasSize(PeerScenario.SIGN_INS);

        PeerPortcullisEngine portcullis = new PeerPortcullisEngine(scenario);
        PeerEngine.Prepared ours = portcullis.prepare(scenario.signIns());
        for (int i = 0; i < scenario.signIns().size(); i++) {
            assertThat(ours.decide(i)).as("sign-in %s", scenario.signIns().get(i))
                    .isEqualTo(scenario.expected(scenario.signIns().get(i)));
        }

        for (PeerEngine peer : List.of(new PeerCedarEngine(scenario), new PeerCasbinEngine(scenario))) {
            List<String> differences = PeerCorrectnessGate.differences(
                    scenario, ours, peer, peer.prepare(scenario.signIns()));
            assertThat(differences).as(peer.name() + " at " + size + " policies").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 195, 2000})
    void theSignInsExerciseEveryOutcome(int size) {
        Map<Outcome, Integer> counts = PeerScenario.of(size).outcomeCounts();
        for (Outcome outcome : Outcome.values()) {
            assertThat(counts.getOrDefault(outcome, 0)).as(outcome + " at " + size).isGreaterThan(PeerScenario.SIGN_INS / 10);
        }
    }

    @Test
    void theGateStopsAnEngineThatAnswersDifferently() {
        PeerScenario scenario = PeerScenario.of(20);
        PeerEngine.Prepared ours = new PeerPortcullisEngine(scenario).prepare(scenario.signIns());
        PeerEngine alwaysAllow = new PeerEngine() {
            @Override
            public String name() {
                return "always-allow";
            }

            @Override
            public int nativeRuleCount() {
                return 0;
            }

            @Override
            public Prepared prepare(List<PeerScenario.SignIn> signIns) {
                return new Prepared() {
                    @Override
                    public int size() {
                        return signIns.size();
                    }

                    @Override
                    public Outcome decide(int index) {
                        return Outcome.ALLOW;
                    }
                };
            }
        };
        assertThatThrownBy(() -> PeerCorrectnessGate.requireAgreement(
                scenario, ours, alwaysAllow, alwaysAllow.prepare(scenario.signIns())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decided differently at 20 policies")
                .hasMessageContaining("always-allow says ALLOW");
    }
}
