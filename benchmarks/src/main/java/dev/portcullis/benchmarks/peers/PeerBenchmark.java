package dev.portcullis.benchmarks.peers;

import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision per call, for each engine and size, cycling through the generated sign-ins (each
 * thread from its own position). Throughput in decisions per second; sample time gives p50 and
 * p99 per decision. The correctness gate runs in the setup: an engine that answers differently
 * from Portcullis on any sign-in is not timed.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PeerBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class PeerBenchmark {

    @Param({"portcullis", "cedar", "jcasbin"})
    public String engine;

    @Param({"20", "195", "2000"})
    public int policies;

    private PeerEngine.Prepared prepared;
    private int size;

    @Setup(Level.Trial)
    public void setUp() {
        PeerScenario scenario = PeerScenario.of(policies);
        PeerPortcullisEngine portcullis = new PeerPortcullisEngine(scenario);
        PeerEngine.Prepared reference = portcullis.prepare(scenario.signIns());
        PeerEngine chosen = switch (engine) {
            case "portcullis" -> portcullis;
            case "cedar" -> new PeerCedarEngine(scenario);
            case "jcasbin" -> new PeerCasbinEngine(scenario);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        prepared = chosen == portcullis ? reference : chosen.prepare(scenario.signIns());
        PeerCorrectnessGate.requireAgreement(scenario, reference, chosen, prepared);
        size = prepared.size();
    }

    /** Where one thread is in the list of sign-ins. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void start() {
            next = (int) (Thread.currentThread().getId() * 7919 % PeerScenario.SIGN_INS);
        }
    }

    private Outcome decideNext(Cursor cursor) {
        int i = cursor.next;
        cursor.next = i + 1 == size ? 0 : i + 1;
        return prepared.decide(i);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Outcome throughput1Thread(Cursor cursor) {
        return decideNext(cursor);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Outcome throughput2Threads(Cursor cursor) {
        return decideNext(cursor);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public Outcome latency1Thread(Cursor cursor) {
        return decideNext(cursor);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public Outcome latency2Threads(Cursor cursor) {
        return decideNext(cursor);
    }
}
