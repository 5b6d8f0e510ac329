package dev.portcullis.adapters.keycloak.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node takes the fact feed's answers only signed, only in order, and keeps them across a restart. */
class FactStoreTest {

    private static final String EPOCH = TestSnapshots.EPOCH;
    private static final RiskAssessment HIGH = new RiskAssessment(RiskLevel.HIGH, List.of());

    @TempDir
    Path dir;

    private static Device laptop(String id, boolean compliant) {
        return new Device(id, id, Optional.of("anna"), Optional.empty(), compliant, true, "AzureAd", "company",
                Instant.now());
    }

    private static byte[] listing(long sequence, Device... devices) {
        return TestSnapshots.facts(new FactFeed.Listing(new Facts(EPOCH, sequence,
                new DeviceInventory(List.of(devices), DeviceInventory.MAX_CHECK_IN_AGE), Map.of())));
    }

    private static byte[] changes(long since, long sequence, List<Device> devices, Map<String, RiskAssessment> risky) {
        return TestSnapshots.facts(new FactFeed.Changes(EPOCH, since, sequence, devices, Set.of(), risky, Set.of()));
    }

    private FactStore store() {
        return new FactStore(FactFeedCodec.instance(), TestSnapshots.TRUSTED, Optional.of(dir.resolve("facts.jws")));
    }

    private static boolean compliant(FactStore store, String id) {
        return store.facts().orElseThrow().devices().device(id).orElseThrow().compliant();
    }

    @Test
    void nothingIsKnownUntilAListingIsTakenThenChangesApplyInOrder() {
        FactStore store = store();
        assertThat(store.facts()).as("no facts is not 'no risk'").isEmpty();
        assertThat(store.offer(changes(0, 1, List.of(laptop("a", true)), Map.of()), "test"))
                .as("changes with nothing listed").isEqualTo(FactStore.Outcome.OUT_OF_STEP);

        assertThat(store.offer(listing(10, laptop("a", true)), "test")).isEqualTo(FactStore.Outcome.TAKEN);
        assertThat(store.offer(changes(10, 12, List.of(laptop("a", false)), Map.of("mallory", HIGH)), "test"))
                .isEqualTo(FactStore.Outcome.TAKEN);

        assertThat(compliant(store, "a")).isFalse();
        assertThat(store.facts().orElseThrow().riskyUsers()).containsOnlyKeys("mallory");
        assertThat(store.knownEtag()).contains("\"" + EPOCH + ".12\"");
    }

    @Test
    void aGapAReplayAnUnsignedOrAForeignAnswerChangesNothing() {
        FactStore store = store();
        store.offer(listing(10, laptop("a", true)), "test");
        byte[] next = changes(10, 11, List.of(laptop("a", false)), Map.of());
        byte[] foreign = SnapshotEnvelope.seal(FactFeedCodec.instance().write(new FactFeed.Changes(EPOCH, 10, 11,
                List.of(laptop("a", false)), Set.of(), Map.of(), Set.of())), SigningKey.generate(), Instant.now());

        assertThat(store.offer(foreign, "test")).isEqualTo(FactStore.Outcome.REFUSED);
        assertThat(store.offer(FactFeedCodec.instance().write(new FactFeed.Changes(EPOCH, 10, 11, List.of(), Set.of(),
                Map.of(), Set.of())), "test")).as("unsigned").isEqualTo(FactStore.Outcome.REFUSED);
        assertThat(store.offer(changes(11, 12, List.of(laptop("a", false)), Map.of()), "test"))
                .as("a gap").isEqualTo(FactStore.Outcome.OUT_OF_STEP);
        assertThat(compliant(store, "a")).isTrue();

        assertThat(store.offer(next, "test")).isEqualTo(FactStore.Outcome.TAKEN);
        assertThat(store.offer(next, "test")).as("the same changes again").isEqualTo(FactStore.Outcome.OUT_OF_STEP);
        assertThat(store.offer(listing(9, laptop("a", true)), "test")).as("an older listing")
                .isEqualTo(FactStore.Outcome.OUT_OF_STEP);
        assertThat(compliant(store, "a")).isFalse();
        assertThat(store.refused()).isEqualTo(2);
    }

    @Test
    void aRestartedNodeHoldsTheFactsItHadVerifiedAgainFromDisk() throws Exception {
        FactStore before = store();
        before.offer(listing(10, laptop("a", true)), "test");
        before.offer(changes(10, 11, List.of(laptop("a", false)), Map.of("mallory", HIGH)), "test");
        before.offer(changes(11, 12, List.of(laptop("b", true)), Map.of()), "test");
        assertThat(Files.readAllLines(dir.resolve("facts.jws"))).as("the listing and two changes").hasSize(3);

        FactStore after = store();
        assertThat(after.knownEtag()).contains("\"" + EPOCH + ".12\"");
        assertThat(compliant(after, "a")).isFalse();
        assertThat(after.facts().orElseThrow().riskyUsers()).containsOnlyKeys("mallory");

        // A copy someone edited on disk is not trusted: the edited line is refused, and what follows is out of step.
        List<String> lines = Files.readAllLines(dir.resolve("facts.jws"));
        Files.write(dir.resolve("facts.jws"), List.of(lines.get(0), lines.get(1).replace('A', 'B'), lines.get(2)));
        FactStore tampered = store();
        assertThat(tampered.knownEtag()).contains("\"" + EPOCH + ".10\"");
        assertThat(compliant(tampered, "a")).isTrue();
        assertThat(tampered.refused()).isEqualTo(1);

        // A new listing starts the copy afresh.
        tampered.offer(listing(20, laptop("c", true)), "test");
        assertThat(Files.readAllLines(dir.resolve("facts.jws"))).hasSize(1);
    }
}
