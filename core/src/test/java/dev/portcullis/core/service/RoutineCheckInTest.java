package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageDevices;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.Transactions;
import dev.portcullis.core.signin.DevicePlatform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An MDM reports every device every few hours to keep its last check-in fresh. A report that changes
 * nothing a policy reads costs nothing: no write, no audit entry, no new snapshot for the nodes.
 */
class RoutineCheckInTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant SYNCED = Instant.parse("2026-12-06T08:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(CLOCK);
    private final RecordedAuditLog audit = new RecordedAuditLog();
    private final List<String> announced = new ArrayList<>();
    private final DocumentStores stores = store.stores();
    private final ManageDevices devices = DocumentServices.devices(new DocumentService.Ports(audit,
            (kind, activity) -> announced.add(kind + " " + activity),
            new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths()),
            new InProcessReferenceTurns(), new InProcessTransactions(), CLOCK), stores.devices());

    private static Device laptop(boolean compliant, Instant synced) {
        return new Device("laptop-anna", "Anna's laptop", Optional.of("anna"), Optional.of(DevicePlatform.WINDOWS),
                compliant, true, "AzureAd", "company", synced);
    }

    private DocumentResult.Written<Device> report(Device device) {
        DocumentResult<Device> result = devices.report(new ManageDevices.Report(device.id(), Checked.valid(device, List.of()),
                "mdm"));
        assertThat(result).isInstanceOf(DocumentResult.Written.class);
        return (DocumentResult.Written<Device>) result;
    }

    @Test
    void aCheckInThatOnlyMovesTheTimeAFewHoursOnWritesNothing() {
        report(laptop(true, SYNCED));
        int entries = audit.entries.size();

        DocumentResult.Written<Device> again = report(laptop(true, SYNCED.plus(Duration.ofHours(8))));

        assertThat(again.document().version()).contains(1L);
        assertThat(again.document().value().lastCheckIn()).as("the stored check-in stands").isEqualTo(SYNCED);
        assertThat(audit.entries).hasSize(entries);
        assertThat(announced).containsExactly("DEVICE create");
    }

    @Test
    void aChangeAPolicyReadsOrACheckInAQuarterOfTheWindowOnIsWritten() {
        report(laptop(true, SYNCED));
        assertThat(report(laptop(false, SYNCED.plus(Duration.ofHours(8)))).document().version())
                .as("no longer compliant").contains(2L);
        assertThat(report(laptop(false, SYNCED.plus(WINDOW.dividedBy(4)).plus(Duration.ofHours(8))))
                .document().version()).as("a quarter of the window on").contains(3L);
        assertThat(report(laptop(false, SYNCED)).document().version()).as("a check-in that went back").contains(4L);
        assertThat(announced).hasSize(4);
    }

    /** The device and its audit entry commit together; nodes hear of it only once it is committed. */
    @Test
    void aStoredReportIsWrittenAndAuditedInOneTransactionAndAnnouncedAfterIt() {
        List<String> seen = new ArrayList<>();
        Transactions recorded = new Transactions() {
            @Override
            public <R> R inOne(Supplier<R> work) {
                seen.add("begin");
                R result = work.get();
                seen.add("commit");
                return result;
            }
        };
        AuditLogPort inTransaction = new AuditLogPort() {
            @Override
            public void append(Entry<?> entry) {
                seen.add("audit " + entry.activity());
            }

            @Override
            public List<Kept> recent(int skip, int top) {
                return List.of();
            }
        };
        ManageDevices reported = DocumentServices.devices(new DocumentService.Ports(inTransaction,
                (kind, activity) -> seen.add("announce " + kind + " " + activity),
                new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths()),
                new InProcessReferenceTurns(), recorded, CLOCK), stores.devices());

        reported.report(new ManageDevices.Report("laptop-anna", Checked.valid(laptop(false, SYNCED), List.of()), "mdm"));

        assertThat(seen).containsExactly("begin", "audit create device", "commit", "announce DEVICE create");
    }

    @Test
    void theRuleOnItsOwn() {
        Device stored = laptop(true, SYNCED);
        assertThat(laptop(true, SYNCED).isRoutineCheckInOf(stored, WINDOW)).isTrue();
        assertThat(laptop(true, SYNCED.plus(WINDOW.dividedBy(4)).minusSeconds(1)).isRoutineCheckInOf(stored, WINDOW)).isTrue();
        assertThat(laptop(true, SYNCED.plus(WINDOW.dividedBy(4))).isRoutineCheckInOf(stored, WINDOW)).isFalse();
        assertThat(laptop(true, SYNCED.minusSeconds(1)).isRoutineCheckInOf(stored, WINDOW)).isFalse();
        assertThat(laptop(false, SYNCED).isRoutineCheckInOf(stored, WINDOW)).isFalse();
    }
}
