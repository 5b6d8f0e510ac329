package dev.portcullis.benchmarks.snapshot;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * What a node downloads and holds at enterprise scale (issue 19), as figures that do not depend on
 * the machine: the signed envelope's size (and gzip's, which the HTTP path does not use today), the
 * bytes per device and per user at risk, what one compliance change costs every node, and the heap the
 * node's active snapshot retains (signed envelope kept as last-known-good, snapshot, compiled policies);
 * then the same with the fact feed: the policy snapshot alone, the facts listing, one signed change.
 *
 * <pre>java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.portcullis.benchmarks.snapshot.SnapshotFootprint</pre>
 */
public final class SnapshotFootprint {

    /** {@code SnapshotPuller.MAX_BYTES}: a node refuses a larger body unread. */
    private static final int NODE_LIMIT = 32 * 1024 * 1024;
    /** {@code SnapshotPuller.MAX_FACTS_BYTES}: the limit for the fact feed's listing. */
    private static final int FACTS_LIMIT = 256 * 1024 * 1024;

    /** The active snapshot while its heap is measured: a field, so no compiler can find it dead before. */
    private static volatile Object held;

    private final SnapshotCodec snapshots = SnapshotCodec.instance();
    private final FactFeedCodec feed = FactFeedCodec.instance();
    private final SigningKey key = SigningKey.generate();
    private final TrustedKeys trusted = TrustedKeys.of(List.of(key.publicKey()));

    public static void main(String[] args) {
        List<String> sizes = args.length > 0 ? List.of(args) : List.of("195/1000/1000", "10000/100000/100000");
        SnapshotFootprint footprint = new SnapshotFootprint();
        for (String size : sizes) {
            footprint.report(EnterpriseSnapshot.of(size));
        }
    }

    private void report(EnterpriseSnapshot scale) {
        byte[] policies = snapshots.write(scale.policiesOnly());
        byte[] withDevices = snapshots.write(new EnterpriseSnapshot("", scale.policies(), scale.devices(), 0).build(1));
        PolicySnapshot full = scale.build(1);
        byte[] json = snapshots.write(full);
        byte[] envelope = seal(json);
        byte[] changed = seal(snapshots.write(withOneComplianceChange(full)));
        System.out.printf("%n== %s (policies/devices/riskyUsers)%n", scale.label());
        System.out.printf("snapshot JSON            %,14d bytes (policies alone %,d)%n", json.length, policies.length);
        System.out.printf("signed envelope          %,14d bytes (node's limit %,d: %s)%n", envelope.length, NODE_LIMIT,
                envelope.length <= NODE_LIMIT ? "fits" : "REFUSED by the node");
        System.out.printf("envelope gzip -6         %,14d bytes (JSON gzip %,d)%n", gzip(envelope), gzip(json));
        System.out.printf("per device (JSON)        %,14.1f bytes%n",
                (withDevices.length - policies.length) / (double) scale.devices());
        System.out.printf("per user at risk (JSON)  %,14.1f bytes%n",
                (json.length - withDevices.length) / (double) scale.riskyUsers());
        System.out.printf("one compliance change    %,14d bytes to every node (version 2, whole envelope)%n",
                changed.length);
        byte[] policySnapshot = seal(snapshots.write(PolicySnapshot.withFactFeed(full.epoch(), 1, full.publishedAt(),
                full.policySet(), Map.of())));
        Facts facts = full.facts().orElseThrow();
        byte[] listing = seal(feed.write(new FactFeed.Listing(facts)));
        byte[] oneChange = seal(feed.write(new FactFeed.Changes(facts.epoch(), facts.sequence(), facts.sequence() + 1,
                List.of(flipped(EnterpriseSnapshot.device(0, new Random(42)))), Set.of(), Map.of(), Set.of())));
        System.out.printf("-- with the fact feed (the control plane's way since issue 19's feed)%n");
        System.out.printf("policy snapshot, signed  %,14d bytes (%s)%n", policySnapshot.length,
                policySnapshot.length <= NODE_LIMIT ? "fits" : "REFUSED by the node");
        System.out.printf("facts listing, signed    %,14d bytes (%s; gzip %,d)%n", listing.length,
                listing.length <= FACTS_LIMIT ? "fits" : "REFUSED by the node", gzip(listing));
        System.out.printf("one compliance change    %,14d bytes to every node (signed changes)%n", oneChange.length);
        full = null;
        changed = null;
        facts = null;
        System.out.printf("heap, feed node          %,14d bytes retained (policy envelope, snapshot, compiled"
                + " policies, facts)%n", retainedWithFeed(policySnapshot, listing));
        System.out.printf("heap, active snapshot    %,14d bytes retained (envelope, snapshot, compiled policies)%n",
                retained(envelope));
        System.out.printf("heap, policies alone     %,14d bytes retained%n", retained(seal(policies)));
        System.out.printf("bootstrap, CPU time      %s ms of this thread (garbage collection not counted)%n",
                bootstrapCpuMillis(envelope));
    }

    private byte[] seal(byte[] json) {
        return SnapshotEnvelope.seal(json, key, Instant.now());
    }

    private static Device flipped(Device device) {
        return new Device(device.id(), device.displayName(), device.ownerUserId(), device.operatingSystem(),
                !device.compliant(), device.managed(), device.trustType(), device.ownership(), device.lastCheckIn(),
                device.attributes());
    }

    /** What a node following the feed holds: the policy snapshot as SnapshotStore does, and FactStore's facts. */
    private long retainedWithFeed(byte[] policyEnvelope, byte[] listing) {
        long before = usedAfterGc();
        PolicySnapshot snapshot = snapshots.read(((Opened.Verified) SnapshotEnvelope.open(policyEnvelope, trusted))
                .payload()).orElseThrow();
        FactFeed facts = feed.read(((Opened.Verified) SnapshotEnvelope.open(listing, trusted)).payload()).orElseThrow();
        held = new Object[] {snapshot, Evaluator.of(snapshot.policySet()), policyEnvelope.clone(), facts};
        long after = usedAfterGc();
        held = null;
        return after - before;
    }

    /** Device 0's MDM reports it no longer compliant: a field a policy reads, so the snapshot's version moves. */
    private static PolicySnapshot withOneComplianceChange(PolicySnapshot snapshot) {
        List<Device> devices = new ArrayList<>(snapshot.devices().devices());
        devices.set(0, flipped(EnterpriseSnapshot.device(0, new Random(42))));
        return new PolicySnapshot(snapshot.epoch(), snapshot.version() + 1, snapshot.publishedAt(), snapshot.policySet(),
                new DeviceInventory(devices, snapshot.devices().maxCheckInAge()), snapshot.riskyUsers());
    }

    /** What SnapshotStore's active snapshot holds: the envelope's copy, the snapshot read from it, its evaluator. */
    private long retained(byte[] envelope) {
        long before = usedAfterGc();
        PolicySnapshot snapshot = snapshots.read(((Opened.Verified) SnapshotEnvelope.open(envelope, trusted)).payload())
                .orElseThrow();
        held = new Object[] {snapshot, Evaluator.of(snapshot.policySet()), envelope.clone()};
        long after = usedAfterGc();
        held = null;
        return after - before;
    }

    /**
     * The bootstrap's CPU time on its own thread, 10 warm-ups then 5 runs: on a shared machine the wall
     * time (SnapshotAtScale) counts the time other processes held the core, CPU time does not.
     */
    private List<Long> bootstrapCpuMillis(byte[] envelope) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long started = threads.getCurrentThreadCpuTime();
            PolicySnapshot snapshot = snapshots.read(((Opened.Verified) SnapshotEnvelope.open(envelope, trusted))
                    .payload()).orElseThrow();
            held = Evaluator.of(snapshot.policySet());
            if (i >= 10) {
                millis.add((threads.getCurrentThreadCpuTime() - started) / 1_000_000);
            }
        }
        held = null;
        return millis;
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static int gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}
