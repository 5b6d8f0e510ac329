package dev.portcullis.benchmarks.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's input is valid and exercises every kind of decision, so it cannot rot unnoticed. */
class RolloutAtScaleTest {

    @ParameterizedTest
    @ValueSource(ints = {20, 195, 10_000})
    void theGrownRolloutIsValidAndDecidesEveryWay(int size) {
        PolicySet set = RolloutAtScale.policies(size, 42);
        assertThat(set.policies()).hasSize(size);
        var mix = EvaluatorBenchmark.decisionMix(Evaluator.of(set), RolloutAtScale.signIns(size, 1024, 42));
        assertThat(mix).containsKeys("allow", "block", "requireControls");
        assertThat(mix.values()).allSatisfy(count -> assertThat(count).isGreaterThan(10));
    }
}
