package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fact feed's two answers read back as themselves, and neither passes for a snapshot. */
class FactFeedCodecTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final Device LAPTOP = new Device("dev-1", "Finance laptop", Optional.of("accountant"),
            Optional.of(DevicePlatform.WINDOWS), true, true, "AzureAD", "company", NOW.minus(Duration.ofHours(3)));
    private static final RiskAssessment COMPROMISED = new RiskAssessment(RiskLevel.HIGH,
            List.of(new RiskAssessment.FiredRule("confirmedCompromised", RiskLevel.HIGH, "confirmed by admin")));

    private final FactFeedCodec feed = FactFeedCodec.instance();
    private final SnapshotCodec snapshots = SnapshotCodec.instance();

    @Test
    void aListingRoundTrips() {
        Facts facts = new Facts("e-1", 41, new DeviceInventory(List.of(LAPTOP), Duration.ofDays(14)),
                Map.of("mallory", COMPROMISED));

        FactFeed read = feed.read(feed.write(new FactFeed.Listing(facts))).orElseThrow();

        Facts listed = ((FactFeed.Listing) read).facts();
        assertThat(listed.etag()).isEqualTo("\"e-1.41\"");
        assertThat(listed.devices().devices()).containsExactly(LAPTOP);
        assertThat(listed.devices().maxCheckInAge()).isEqualTo(Duration.ofDays(14));
        assertThat(listed.riskyUsers()).isEqualTo(Map.of("mallory", COMPROMISED));
    }

    @Test
    void changesRoundTripAndOneDeviceIsASmallAnswer() {
        FactFeed.Changes changes = new FactFeed.Changes("e-1", 41, 42, List.of(LAPTOP), Set.of("old-phone"),
                Map.of("mallory", COMPROMISED), Set.of("anna"));

        byte[] json = feed.write(changes);

        assertThat(feed.read(json).orElseThrow()).isEqualTo(changes);
        assertThat(json.length).as("one device's change, before signing").isLessThan(700);
    }

    @Test
    void aSnapshotWhoseFactsTravelInTheFeedSaysSoAndListsNone() {
        PolicySnapshot snapshot = PolicySnapshot.withFactFeed("e-1", 7, NOW, PolicySet.of(List.of(), List.of()), Map.of());

        PolicySnapshot read = snapshots.read(snapshots.write(snapshot)).orElseThrow();

        assertThat(read.factFeed()).isTrue();
        assertThat(read.facts()).isEmpty();
        assertThat(snapshots.read("""
                {"epoch": "e-1", "version": 7, "publishedAt": "2026-12-07T09:00:00Z", "factFeed": true,
                 "riskyUsers": [{"id": "mallory", "riskLevel": "high"}]}
                """.getBytes(StandardCharsets.UTF_8)).ok()).as("a feed snapshot that lists facts is refused").isFalse();
    }

    @Test
    void neitherAnswerReadsAsASnapshotNorASnapshotAsEither() {
        byte[] listing = feed.write(new FactFeed.Listing(new Facts("e-1", 3, DeviceInventory.empty(), Map.of())));
        byte[] changes = feed.write(new FactFeed.Changes("e-1", 3, 4, List.of(), Set.of(), Map.of(), Set.of("a")));
        byte[] snapshot = snapshots.write(PolicySnapshot.withFactFeed("e-1", 7, NOW, PolicySet.of(List.of(), List.of()),
                Map.of()));

        assertThat(snapshots.read(listing).ok()).isFalse();
        assertThat(snapshots.read(changes).ok()).isFalse();
        assertThat(feed.read(snapshot).ok()).isFalse();
        assertThat(feed.read("{\"epoch\": \"e-1\", \"since\": 5, \"sequence\": 4}".getBytes(StandardCharsets.UTF_8)).ok())
                .as("changes that end before they start").isFalse();
    }
}
