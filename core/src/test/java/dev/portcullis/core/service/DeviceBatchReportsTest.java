package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManageDevices;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.Transactions;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.validation.ValidationProblem;
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
 * An MDM reports many devices at once (a Graph batch): one answer each, in order, as if each had
 * been reported alone; one transaction for them all, and when the database refuses that one, each
 * report on its own, so that one report's failure is never another's.
 */
class DeviceBatchReportsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant SYNCED = Instant.parse("2026-12-06T08:00:00Z");

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(CLOCK);
    private final DocumentStores stores = store.stores();
    private final RecordedAuditLog audit = new RecordedAuditLog();
    private final List<String> announced = new ArrayList<>();
    private int transactions;
    /** How many of the next transactions the database refuses, before anything of them is written. */
    private int refusals;

    private final ManageDevices devices = DocumentServices.devices(new DocumentService.Ports(audit,
            (kind, activity) -> announced.add(kind + " " + activity),
            new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths()),
            new InProcessReferenceTurns(), new Transactions() {
                @Override
                public <R> R inOne(Supplier<R> work) {
                    transactions++;
                    if (refusals > 0) {
                        refusals--;
                        throw new IllegalStateException("the database refused the transaction");
                    }
                    return work.get();
                }
            }, CLOCK), stores.devices());

    private static Device laptop(String id, boolean compliant, Instant synced) {
        return new Device(id, id, Optional.of("anna"), Optional.of(DevicePlatform.WINDOWS), compliant, true,
                "AzureAd", "company", synced);
    }

    private List<DocumentResult<Device>> reportEach(List<Checked<Device>> reports) {
        return devices.reportEach(reports.stream().map(device -> new ManageDevices.Report(
                device.value().map(Device::id).orElse("bad"), device, "mdm")).toList());
    }

    private static Checked<Device> valid(Device device) {
        return Checked.valid(device, List.of());
    }

    @Test
    void eachReportIsAnsweredInOrderAsIfAloneInOneTransaction() {
        reportEach(List.of(valid(laptop("a", true, SYNCED))));
        audit.entries.clear();
        announced.clear();
        transactions = 0;

        List<DocumentResult<Device>> answers = reportEach(List.of(
                valid(laptop("a", true, SYNCED.plus(Duration.ofHours(8)))),
                valid(laptop("b", true, SYNCED)),
                Checked.invalid(List.of(new ValidationProblem("isCompliant", "expected true or false"))),
                valid(laptop("b", false, SYNCED))));

        assertThat(transactions).as("one transaction for the batch").isEqualTo(1);
        assertThat(answers.get(0)).as("routine: nothing stored").isInstanceOfSatisfying(DocumentResult.Written.class,
                written -> assertThat(written.created()).isFalse());
        assertThat(((DocumentResult.Written<Device>) answers.get(0)).document().version()).contains(1L);
        assertThat(((DocumentResult.Written<Device>) answers.get(1)).created()).isTrue();
        assertThat(answers.get(2)).isInstanceOf(DocumentResult.Invalid.class);
        DocumentResult.Written<Device> second = (DocumentResult.Written<Device>) answers.get(3);
        assertThat(second.document().version()).as("b's second report, after its first").contains(2L);
        assertThat(stores.devices().find("b").orElseThrow().value().compliant()).isFalse();
        assertThat(audit.entries).extracting(e -> e.activity() + " " + e.documentId())
                .containsExactly("create device b", "update device b");
        assertThat(announced).containsExactly("DEVICE create", "DEVICE update");
    }

    @Test
    void aBatchTheDatabaseRefusesIsReportedOneByOneAndOnlyTheFailingReportFails() {
        refusals = 1;
        List<DocumentResult<Device>> answers = reportEach(List.of(valid(laptop("a", true, SYNCED)),
                valid(laptop("b", true, SYNCED))));

        assertThat(transactions).as("the batch, then each on its own").isEqualTo(3);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isInstanceOfSatisfying(DocumentResult.Written.class,
                written -> assertThat(written.created()).isTrue()));
        assertThat(audit.entries).extracting(e -> e.activity() + " " + e.documentId())
                .containsExactly("create device a", "create device b");

        refusals = 2;
        List<DocumentResult<Device>> second = reportEach(List.of(valid(laptop("c", true, SYNCED)),
                valid(laptop("d", true, SYNCED))));

        assertThat(second.get(0)).isInstanceOfSatisfying(DocumentResult.Busy.class,
                busy -> assertThat(busy.detail()).isEqualTo("the device 'c' could not be stored beside a concurrent"
                        + " write: send it again"));
        assertThat(stores.devices().find("c")).isEmpty();
        assertThat(second.get(1)).isInstanceOf(DocumentResult.Written.class);
        assertThat(stores.devices().find("d")).isPresent();
    }

    @Test
    void oneReportTheDatabaseRefusesFailsAsItDidAlone() {
        refusals = 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reportEach(List.of(valid(laptop("a", true, SYNCED)))))
                .hasMessage("the database refused the transaction");
        assertThat(transactions).isEqualTo(1);
    }
}
