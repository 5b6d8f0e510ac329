package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ManageDevices;
import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Devices and user risk reach nodes as a feed: listed once, then only what changed. A device that
 * changes costs a node that one device, and the policy snapshot keeps its version.
 */
class PublishFactsServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(CLOCK);
    private final DocumentStores stores = store.stores();
    private final ManageDevices devices = DocumentServices.devices(new DocumentService.Ports(new RecordedAuditLog(),
            (kind, activity) -> {}, new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths()),
            new InProcessReferenceTurns(), new InProcessTransactions(), CLOCK), stores.devices());
    private final PublishFactsService facts = new PublishFactsService(store, store, stores,
            UserRiskAssessor.defaults(), CLOCK);

    private void report(String id, boolean compliant) {
        Device device = new Device(id, id, Optional.of("anna"), Optional.empty(), compliant, true, "AzureAd", "company",
                CLOCK.instant());
        devices.report(new ManageDevices.Report(id, Checked.valid(device, List.of()), "mdm"));
    }

    private PublishFacts.Stamp stamp(Facts listed) {
        return new PublishFacts.Stamp(listed.epoch(), listed.sequence());
    }

    @Test
    void aNodeListsOnceThenReceivesOnlyTheDeviceThatChanged() {
        for (int i = 0; i < 100; i++) {
            report("device-" + i, true);
        }
        long snapshotVersion = store.snapshotVersion();
        Facts listed = facts.current();
        assertThat(listed.devices().devices()).hasSize(100);

        report("device-7", false);

        FactFeed next = facts.after(stamp(listed));
        assertThat(next).isInstanceOf(FactFeed.Changes.class);
        FactFeed.Changes changes = (FactFeed.Changes) next;
        assertThat(changes.devices()).extracting(Device::id).containsExactly("device-7");
        assertThat(changes.devices().get(0).compliant()).isFalse();
        assertThat(changes.since()).isEqualTo(listed.sequence());
        assertThat(changes.sequence()).isEqualTo(listed.sequence() + 1);
        assertThat(store.snapshotVersion()).as("policies did not change").isEqualTo(snapshotVersion);
        assertThat(listed.apply(changes).orElseThrow().devices().device("device-7").orElseThrow().compliant()).isFalse();
    }

    @Test
    void aDeletedDeviceAndAUserNoLongerAtRiskAreRemoved() {
        report("laptop", true);
        Instant at = CLOCK.instant().minus(Duration.ofMinutes(5));
        RiskyUser compromised = RiskyUser.none("mallory").with(new UserRiskEvent.ConfirmedCompromised(at, "admin"));
        stores.riskyUsers().create("mallory", "mallory", compromised);
        Facts listed = facts.current();
        assertThat(listed.riskyUsers()).containsOnlyKeys("mallory");

        stores.devices().delete("laptop", 1);
        stores.riskyUsers().replace("mallory", 1, "mallory", compromised.remediated(CLOCK.instant(), "dismissed"));

        FactFeed.Changes changes = (FactFeed.Changes) facts.after(stamp(listed));
        assertThat(changes.removedDevices()).containsExactly("laptop");
        assertThat(changes.removedRiskyUsers()).containsExactly("mallory");
        Facts after = listed.apply(changes).orElseThrow();
        assertThat(after.devices().devices()).isEmpty();
        assertThat(after.riskyUsers()).isEmpty();
    }

    @Test
    void anotherEpochOrASequenceAheadOfTheDatabaseGetsTheListing() {
        report("laptop", true);
        Facts listed = facts.current();

        assertThat(facts.after(new PublishFacts.Stamp("another-epoch", listed.sequence())))
                .isInstanceOf(FactFeed.Listing.class);
        assertThat(facts.after(new PublishFacts.Stamp(listed.epoch(), listed.sequence() + 5)))
                .as("a database restored from a backup is behind the node").isInstanceOf(FactFeed.Listing.class);
        assertThat(facts.after(stamp(listed))).as("up to date: nothing changed")
                .isEqualTo(new FactFeed.Changes(listed.epoch(), listed.sequence(), listed.sequence(), List.of(), Set.of(),
                        Map.of(), Set.of()));
    }

    @Test
    void aNodeFarBehindGetsTheListingNotTenThousandChanges() {
        Facts listed = facts.current();
        for (int i = 0; i <= PublishFactsService.MAX_CHANGES; i++) {
            stores.devices().create("d-" + i, "d-" + i, new Device("d-" + i, "d-" + i, Optional.empty(),
                    Optional.empty(), true, true, "AzureAd", "company", CLOCK.instant()));
        }
        FactFeed next = facts.after(stamp(listed));
        assertThat(next).isInstanceOf(FactFeed.Listing.class);
        assertThat(((FactFeed.Listing) next).facts().devices().devices()).hasSize(PublishFactsService.MAX_CHANGES + 1);
    }
}
