package dev.portcullis.benchmarks.evaluator;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Conditional Access decision, as a Keycloak node makes it on every login: {@code decide}
 * (the login hot path) and {@code explain} (the decision plus every policy's outcome, as the sign-in
 * log records it), over the seed rollout grown to 20, 195 (Entra's per-tenant limit) and 10,000
 * policies. Sign-ins are pre-built and cycled, so only the evaluator is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBenchmark {

    private static final int SIGN_INS = 1024;

    @Param({"20", "195", "10000"})
    public int policies;

    private Evaluator evaluator;
    private SignIn[] signIns;

    @Setup(Level.Trial)
    public void setUp() {
        evaluator = Evaluator.of(RolloutAtScale.policies(policies, 42));
        signIns = RolloutAtScale.signIns(policies, SIGN_INS, 42);
        Map<String, Integer> mix = decisionMix(evaluator, signIns);
        System.out.println("\ndecision mix over " + SIGN_INS + " sign-ins at " + policies + " policies: " + mix);
        if (mix.size() < 3) {
            throw new IllegalStateException("degenerate sign-in mix, the benchmark would measure one path only: " + mix);
        }
    }

    static Map<String, Integer> decisionMix(Evaluator evaluator, SignIn[] signIns) {
        Map<String, Integer> mix = new TreeMap<>();
        for (SignIn signIn : signIns) {
            mix.merge(evaluator.decide(signIn).result(), 1, Integer::sum);
        }
        return mix;
    }

    /** Per thread, so two threads do not contend on one counter (SnapshotAtScale cycles with it too). */
    @State(Scope.Thread)
    public static class Cursor {
        public int next;
    }

    @Benchmark
    public Decision decide(Cursor cursor) {
        return evaluator.decide(signIns[cursor.next++ & (SIGN_INS - 1)]);
    }

    @Benchmark
    public int explain(Cursor cursor) {
        return evaluator.evaluate(signIns[cursor.next++ & (SIGN_INS - 1)]).policyOutcomes().size();
    }
}
