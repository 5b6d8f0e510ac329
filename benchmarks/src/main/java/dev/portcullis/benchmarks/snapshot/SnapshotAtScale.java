package dev.portcullis.benchmarks.snapshot;

import dev.portcullis.benchmarks.evaluator.EvaluatorBenchmark.Cursor;
import dev.portcullis.benchmarks.evaluator.RolloutAtScale;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A node at enterprise scale (issue 19): 10,000 policies, 100,000 devices, 100,000 users at risk,
 * against 195 policies with 1,000 of each. {@code bootstrap} is what {@code SnapshotStore.offer} does
 * with a snapshot it never saw (check the signature, read the snapshot and build its inventory, compile
 * the policy set), once per version on every node. {@code login} is one sign-in's decision with the
 * inventory and user-risk lookups a node makes first; {@code lookups} those alone; {@code decide} the
 * decision alone, as {@code EvaluatorBenchmark} measures it; {@code decideWithFacts} the decision alone
 * over the sign-ins {@code login} fills in. Sizes and heap: {@link SnapshotFootprint}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class SnapshotAtScale {

    private static final int SIGN_INS = 1024;

    /** policies/devices/riskyUsers */
    @Param({"195/1000/1000", "10000/100000/100000"})
    public String size;

    private final SnapshotCodec snapshots = SnapshotCodec.instance();
    private TrustedKeys trusted;
    private byte[] envelope;
    private PolicySnapshot snapshot;
    private Evaluator evaluator;
    private SignIn[] signIns;
    private String[] deviceIds;
    private String[] userIds;
    /** The sign-ins as {@code login} fills them in, built once: the decision alone over the same input. */
    private SignIn[] withFacts;

    @Setup(Level.Trial)
    public void setUp() {
        EnterpriseSnapshot scale = EnterpriseSnapshot.of(size);
        SigningKey key = SigningKey.generate();
        trusted = TrustedKeys.of(List.of(key.publicKey()));
        envelope = SnapshotEnvelope.seal(snapshots.write(scale.build(1)), key, Instant.now());
        snapshot = open(envelope);
        evaluator = Evaluator.of(snapshot.policySet());
        signIns = RolloutAtScale.signIns(scale.policies(), SIGN_INS, 42);
        Random random = new Random(7);
        deviceIds = new String[SIGN_INS];
        userIds = new String[SIGN_INS];
        for (int i = 0; i < SIGN_INS; i++) {
            deviceIds[i] = EnterpriseSnapshot.deviceId(random.nextInt(scale.devices()));
            userIds[i] = EnterpriseSnapshot.userId(random.nextInt(2 * scale.riskyUsers())); // half are at risk
        }
        withFacts = new SignIn[SIGN_INS];
        for (int i = 0; i < SIGN_INS; i++) {
            withFacts[i] = withFacts(i);
        }
    }

    private PolicySnapshot open(byte[] signed) {
        return snapshots.read(((Opened.Verified) SnapshotEnvelope.open(signed, trusted)).payload()).orElseThrow();
    }

    /** A new version reaching a node: signature, snapshot, inventory, compiled policies. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public void bootstrap(Blackhole hole) {
        PolicySnapshot opened = open(envelope);
        hole.consume(opened);
        hole.consume(Evaluator.of(opened.policySet()));
    }

    @Benchmark
    public Decision decide(Cursor cursor) {
        return evaluator.decide(signIns[cursor.next++ & (SIGN_INS - 1)]);
    }

    /** The two lookups alone: the proven device in the inventory, the user's risk. */
    @Benchmark
    public void lookups(Cursor cursor, Blackhole hole) {
        int i = cursor.next++ & (SIGN_INS - 1);
        hole.consume(snapshot.devices().stateOf(Optional.of(deviceIds[i]), signIns[i].time()));
        hole.consume(snapshot.riskyUsers().get(userIds[i]));
    }

    /** As a node signs someone in: the proven device in the inventory, the user's risk, then the decision. */
    @Benchmark
    public Decision login(Cursor cursor) {
        return evaluator.decide(withFacts(cursor.next++ & (SIGN_INS - 1)));
    }

    /** The decision alone over the sign-ins {@code login} builds: every one with a known device. */
    @Benchmark
    public Decision decideWithFacts(Cursor cursor) {
        return evaluator.decide(withFacts[cursor.next++ & (SIGN_INS - 1)]);
    }

    private SignIn withFacts(int i) {
        DeviceState device = snapshot.devices().stateOf(Optional.of(deviceIds[i]), signIns[i].time());
        RiskAssessment risk = snapshot.riskyUsers().get(userIds[i]);
        return signIns[i].toBuilder().device(device).userRisk(risk == null ? RiskLevel.NONE : risk.level()).build();
    }
}
