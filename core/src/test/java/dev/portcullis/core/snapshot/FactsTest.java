package dev.portcullis.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A node applies the feed's changes only in order: a gap, a replay or another epoch makes it list again. */
class FactsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final RiskAssessment HIGH = new RiskAssessment(RiskLevel.HIGH, List.of());

    private static Device laptop(String id, boolean compliant) {
        return new Device(id, id, Optional.of("anna"), Optional.empty(), compliant, true, "AzureAd", "company", NOW);
    }

    private static final Facts LISTED = new Facts("epoch-1", 10,
            new DeviceInventory(List.of(laptop("a", true), laptop("b", true)), DeviceInventory.MAX_CHECK_IN_AGE),
            Map.of("mallory", HIGH));

    private static boolean compliant(Facts facts, String device) {
        return facts.devices().stateOf(Optional.of(device), NOW) instanceof DeviceState.Known known && known.compliant();
    }

    @Test
    void changesThatFollowOnArePutAndRemoved() {
        Facts after = LISTED.apply(new FactFeed.Changes("epoch-1", 10, 13, List.of(laptop("a", false), laptop("c", true)),
                Set.of("b"), Map.of("eve", HIGH), Set.of("mallory"))).orElseThrow();

        assertThat(after.sequence()).isEqualTo(13);
        assertThat(compliant(after, "a")).as("a fell out of compliance").isFalse();
        assertThat(after.devices().device("b")).as("b was deleted").isEmpty();
        assertThat(compliant(after, "c")).isTrue();
        assertThat(after.riskyUsers()).containsOnlyKeys("eve");
        assertThat(after.devices().maxCheckInAge()).isEqualTo(DeviceInventory.MAX_CHECK_IN_AGE);
    }

    @Test
    void aGapAReplayOrAnotherEpochIsNotApplied() {
        FactFeed.Changes gap = new FactFeed.Changes("epoch-1", 11, 12, List.of(laptop("a", false)), Set.of(), Map.of(),
                Set.of());
        FactFeed.Changes replay = new FactFeed.Changes("epoch-1", 8, 9, List.of(laptop("a", false)), Set.of(), Map.of(),
                Set.of());
        FactFeed.Changes otherEpoch = new FactFeed.Changes("epoch-2", 10, 11, List.of(laptop("a", false)), Set.of(),
                Map.of(), Set.of());

        assertThat(LISTED.apply(gap)).isEmpty();
        assertThat(LISTED.apply(replay)).isEmpty();
        assertThat(LISTED.apply(otherEpoch)).isEmpty();
        assertThat(compliant(LISTED, "a")).isTrue();
    }
}
