package dev.portcullis.adapters.keycloak.snapshot;

import static dev.portcullis.adapters.keycloak.snapshot.TestSnapshots.CONTROL_PLANE;
import static dev.portcullis.adapters.keycloak.snapshot.TestSnapshots.EPOCH;
import static dev.portcullis.adapters.keycloak.snapshot.TestSnapshots.TRUSTED;
import static dev.portcullis.adapters.keycloak.snapshot.TestSnapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.snapshot.SnapshotStore.Refusal;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node takes, and what it refuses, from the attacker's side too. */
class SnapshotStoreTest {

    private static final SigningKey ATTACKER = SigningKey.generate();
    private static final String NEW_EPOCH = "9a1d7b40-0000-4000-8000-000000000002";

    @TempDir
    Path dir;

    private SnapshotStore store(Optional<Path> lastKnownGood) {
        return new SnapshotStore(SnapshotCodec.instance(), TRUSTED, lastKnownGood);
    }

    private static String activePolicy(SnapshotStore store) {
        return store.active().orElseThrow().snapshot().policySet().policies().get(0).displayName();
    }

    @Test
    void aNewerSignedSnapshotIsTakenAndKeptOnDiskAsSigned() throws Exception {
        Path lkg = dir.resolve("cache/lkg.jws");
        SnapshotStore store = store(Optional.of(lkg));
        assertThat(store.active()).isEmpty();

        assertThat(store.offer(snapshot(3, "v3"), "test")).isTrue();

        assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(3);
        assertThat(store.active().orElseThrow().keyId()).isEqualTo(CONTROL_PLANE.keyId());
        assertThat(SnapshotEnvelope.open(Files.readAllBytes(lkg), TRUSTED)).as("the copy on disk is the signed envelope")
                .isInstanceOf(dev.portcullis.graphjson.envelope.Opened.Verified.class);
        assertThat(activePolicy(store(Optional.of(lkg)))).isEqualTo("v3");
    }

    @Test
    void unsignedWronglySignedAndTamperedSnapshotsAreRefusedCountedAndTheCurrentOneStays() {
        SnapshotStore store = store(Optional.empty());
        store.offer(snapshot(5, "v5"), "test");

        assertThat(store.offer(TestSnapshots.json(EPOCH, 6, "unsigned"), "test")).isFalse();
        assertThat(store.offer("not json".getBytes(StandardCharsets.UTF_8), "test")).isFalse();
        assertThat(store.offer(TestSnapshots.signed(ATTACKER, EPOCH, 7, "attacker's", Instant.now()), "test")).isFalse();
        assertThat(store.offer(tampered(snapshot(8, "v8")), "test")).isFalse();
        assertThat(store.offer(SnapshotEnvelope.seal("{\"version\": 9}".getBytes(StandardCharsets.UTF_8), CONTROL_PLANE,
                Instant.now()), "test")).as("signed but no snapshot").isFalse();

        assertThat(activePolicy(store)).isEqualTo("v5");
        assertThat(store.refused(Refusal.UNSIGNED)).isEqualTo(2);
        assertThat(store.refused(Refusal.UNKNOWN_KEY)).isEqualTo(1);
        assertThat(store.refused(Refusal.SIGNATURE)).isEqualTo(1);
        assertThat(store.refused(Refusal.INVALID)).isEqualTo(1);
    }

    @Test
    void anOlderSignedSnapshotOfTheSameEpochIsAReplayAndIsRefused() {
        SnapshotStore store = store(Optional.empty());
        byte[] old = snapshot(4, "v4, since relaxed");
        store.offer(old, "test");
        store.offer(snapshot(5, "v5"), "test");

        assertThat(store.offer(old, "test")).isFalse();
        assertThat(store.offer(old, "test")).as("offered at every poll: refused and counted each time").isFalse();
        assertThat(store.offer(snapshot(5, "v5 again"), "test")).as("the same version changes nothing").isFalse();

        assertThat(activePolicy(store)).isEqualTo("v5");
        assertThat(store.refused(Refusal.REPLAY)).isEqualTo(2);
    }

    @Test
    void aRebuiltDatabaseIsFollowedThoughItsVersionsStartAgainButAnOldEpochReplayedLaterIsNot() {
        SnapshotStore store = store(Optional.empty());
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        byte[] oldEpoch = TestSnapshots.signed(CONTROL_PLANE, EPOCH, 57, "old database, v57", t);
        store.offer(oldEpoch, "test");

        assertThat(store.offer(TestSnapshots.signed(CONTROL_PLANE, NEW_EPOCH, 1, "rebuilt, v1", t.plusSeconds(60)), "test"))
                .as("a new epoch, version 1 after 57").isTrue();
        assertThat(store.active().orElseThrow().snapshot().epoch()).isEqualTo(NEW_EPOCH);

        assertThat(store.offer(oldEpoch, "test")).as("the old database's snapshot, replayed").isFalse();
        assertThat(store.refused(Refusal.STALE_EPOCH)).isEqualTo(1);
        assertThat(store.offer(TestSnapshots.signed(CONTROL_PLANE, NEW_EPOCH, 2, "rebuilt, v2", t.plusSeconds(90)), "test"))
                .isTrue();
        assertThat(activePolicy(store)).isEqualTo("rebuilt, v2");
    }

    @Test
    void aTamperedOrUnsignedLastKnownGoodFileIsRefusedOnRestartAndTheNodeStaysOnTheDefault() throws Exception {
        Path lkg = dir.resolve("lkg.jws");
        store(Optional.of(lkg)).offer(snapshot(3, "block everyone"), "test");

        Files.write(lkg, tampered(Files.readAllBytes(lkg)));
        SnapshotStore tamperedRestart = store(Optional.of(lkg));
        assertThat(tamperedRestart.active()).isEmpty();
        assertThat(tamperedRestart.refused(Refusal.SIGNATURE)).isEqualTo(1);

        Files.write(lkg, TestSnapshots.json(EPOCH, 4, "allow everyone"));
        SnapshotStore unsignedRestart = store(Optional.of(lkg));
        assertThat(unsignedRestart.active()).isEmpty();
        assertThat(unsignedRestart.refused(Refusal.UNSIGNED)).isEqualTo(1);
    }

    @Test
    void aNodeWithNoTrustedKeyTakesNothing() {
        SnapshotStore store = new SnapshotStore(SnapshotCodec.instance(), new SnapshotTrust.None("test"), Optional.empty());

        assertThat(store.offer(snapshot(1, "v1"), "test")).isFalse();

        assertThat(store.active()).isEmpty();
        assertThat(store.refused(Refusal.UNKNOWN_KEY)).isEqualTo(1);
    }

    @Test
    void aSnapshotFileIsReadAndReReadWhenItChangesAndMustBeSignedToo() throws Exception {
        Path file = dir.resolve("snapshot.jws");
        Files.write(file, snapshot(1, "from file"));
        SnapshotStore store = store(Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.empty(), Optional.of(file), Optional::empty,
                Duration.ofSeconds(1), Duration.ZERO)) {
            puller.refresh();
            assertThat(activePolicy(store)).isEqualTo("from file");
            Files.write(file, snapshot(2, "edited"));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
            puller.refresh();
            assertThat(activePolicy(store)).isEqualTo("edited");
            Files.write(file, TestSnapshots.json(EPOCH, 3, "edited by hand, unsigned"));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(10)));
            puller.refresh();
            assertThat(activePolicy(store)).isEqualTo("edited");
        }
    }

    /** The payload swapped for one that relaxes the policy, the signature left as it was. */
    private static byte[] tampered(byte[] envelope) {
        String[] parts = new String(envelope, StandardCharsets.US_ASCII).split("\\.");
        String relaxed = Base64.getUrlEncoder().withoutPadding().encodeToString(TestSnapshots.json(EPOCH, 99, "relaxed"));
        return (parts[0] + "." + relaxed + "." + parts[2]).getBytes(StandardCharsets.US_ASCII);
    }
}
