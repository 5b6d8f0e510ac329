package dev.portcullis.benchmarks.snapshot;

import dev.portcullis.benchmarks.evaluator.RolloutAtScale;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.time.Instant;
import java.util.List;
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
 * What a signed snapshot costs, once per policy change: on a node, opening the envelope (checking
 * the RS256 signature, 3072-bit key) against reading the snapshot it carries; on the control plane,
 * signing it. The 195-policy rollout (Entra's per-tenant limit), as {@code EvaluatorBenchmark}
 * builds it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SnapshotBenchmark {

    @Param({"195"})
    public int policies;

    private final SnapshotCodec snapshots = SnapshotCodec.instance();
    private SigningKey key;
    private TrustedKeys trusted;
    private byte[] snapshot;
    private byte[] envelope;

    @Setup(Level.Trial)
    public void setUp() {
        key = SigningKey.generate();
        trusted = TrustedKeys.of(List.of(key.publicKey()));
        snapshot = snapshots.write(new PolicySnapshot("8b1f6c2e-0000-4000-8000-000000000000", 1, Instant.now(),
                RolloutAtScale.policies(policies, 42)));
        envelope = SnapshotEnvelope.seal(snapshot, key, Instant.now());
        System.out.println("\nsnapshot of " + policies + " policies: " + snapshot.length + " bytes of JSON, "
                + envelope.length + " bytes signed");
    }

    /** The node: signature and envelope only. */
    @Benchmark
    public Opened verify() {
        return SnapshotEnvelope.open(envelope, trusted);
    }

    /** The node: reading and validating the snapshot, as it did before snapshots were signed. */
    @Benchmark
    public Parsed<PolicySnapshot> read() {
        return snapshots.read(snapshot);
    }

    /** The node, all of it: open the envelope, then read what it carries. */
    @Benchmark
    public Parsed<PolicySnapshot> verifyAndRead() {
        return snapshots.read(((Opened.Verified) SnapshotEnvelope.open(envelope, trusted)).payload());
    }

    /** The control plane, once per version. */
    @Benchmark
    public byte[] sign() {
        return SnapshotEnvelope.seal(snapshot, key, Instant.now());
    }
}
