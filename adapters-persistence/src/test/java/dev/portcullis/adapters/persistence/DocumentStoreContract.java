package dev.portcullis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every document store must do, run against each of them (in memory, H2, PostgreSQL): the
 * subclasses only choose the store.
 */
public abstract class DocumentStoreContract {

    protected abstract LoadDocumentsPort load();

    protected abstract SaveDocumentPort save();

    private static String id() {
        return "p-" + UUID.randomUUID();
    }

    /** Every kind fits the store's kind column and reads back as itself: Security Defaults' switch too. */
    @Test
    void everyKindOfDocumentIsKeptAndReadBackAsItself() {
        for (DocumentKind kind : DocumentKind.values()) {
            String id = id();
            long before = load().snapshotVersion();
            assertThat(save().create(kind, id, "A " + kind, "{\"isEnabled\":true}")).isInstanceOf(SaveResult.Saved.class);
            StoredDocument stored = load().load(kind, id).orElseThrow();
            assertThat(stored.kind()).isEqualTo(kind);
            assertThat(stored.json()).isEqualTo("{\"isEnabled\":true}");
            assertThat(load().loadAll(kind)).extracting(StoredDocument::id).contains(id);
            assertThat(load().snapshotVersion()).isGreaterThan(before);
        }
    }

    @Test
    void aChangeSetIsWrittenWholeOrNotAtAllAndRaisesTheVersionOnce() {
        SaveChangeSetPort changeSet = (SaveChangeSetPort) save();
        String taken = id();
        save().create(DocumentKind.POLICY, taken, "Taken", "{\"t\":1}");
        long before = load().snapshotVersion();
        String location = id();
        String policy = id();

        SaveResult refused = changeSet.createAll(List.of(
                new SaveChangeSetPort.NewDocument(DocumentKind.NAMED_LOCATION, location, "Office", "{\"l\":1}"),
                new SaveChangeSetPort.NewDocument(DocumentKind.POLICY, taken, "Again", "{\"p\":1}")), List.of());
        assertThat(refused).isInstanceOf(SaveResult.AlreadyExists.class);
        assertThat(load().load(DocumentKind.NAMED_LOCATION, location)).isEmpty();
        assertThat(load().snapshotVersion()).isEqualTo(before);

        SaveResult saved = changeSet.createAll(List.of(
                new SaveChangeSetPort.NewDocument(DocumentKind.NAMED_LOCATION, location, "Office", "{\"l\":1}"),
                new SaveChangeSetPort.NewDocument(DocumentKind.POLICY, policy, "Imported", "{\"p\":1}")), List.of());
        assertThat(saved).isInstanceOfSatisfying(SaveResult.ChangeSetSaved.class, set ->
                assertThat(set.documents()).extracting(StoredDocument::id).containsExactly(location, policy));
        assertThat(load().snapshotVersion()).isEqualTo(before + 1);
        assertThat(load().load(DocumentKind.POLICY, policy).orElseThrow().json()).isEqualTo("{\"p\":1}");
        assertThat(load().load(DocumentKind.POLICY, policy).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aCreatedDocumentReadsBackAsWrittenAndRaisesTheSnapshotVersion() {
        long before = load().snapshotVersion();
        String id = id();
        SaveResult result = save().create(DocumentKind.POLICY, id, "Block legacy authentication", "{\"a\":1}");

        assertThat(result).isInstanceOf(SaveResult.Saved.class);
        SaveResult.Saved saved = (SaveResult.Saved) result;
        assertThat(saved.document().version()).isEqualTo(1);
        assertThat(saved.snapshotVersion()).isGreaterThan(before);
        StoredDocument read = load().load(DocumentKind.POLICY, id).orElseThrow();
        assertThat(read.json()).isEqualTo("{\"a\":1}");
        assertThat(read.displayName()).isEqualTo("Block legacy authentication");
        assertThat(load().load(DocumentKind.NAMED_LOCATION, id)).as("kinds are separate").isEmpty();
        assertThat(load().loadAll(DocumentKind.POLICY)).extracting(StoredDocument::id).contains(id);
    }

    @Test
    void theSnapshotEpochIsOneIdThatChangesDoNotAlter() {
        String epoch = load().snapshotEpoch();
        assertThat(PolicySnapshot.validEpoch(epoch)).as(epoch).isTrue();

        save().create(DocumentKind.POLICY, id(), "a change", "{}");

        assertThat(load().snapshotEpoch()).isEqualTo(epoch);
    }

    @Test
    void creatingAnExistingIdChangesNothing() {
        String id = id();
        save().create(DocumentKind.POLICY, id, "first", "{\"v\":1}");
        long version = load().snapshotVersion();

        assertThat(save().create(DocumentKind.POLICY, id, "second", "{\"v\":2}")).isInstanceOf(SaveResult.AlreadyExists.class);
        assertThat(load().load(DocumentKind.POLICY, id).orElseThrow().json()).isEqualTo("{\"v\":1}");
        assertThat(load().snapshotVersion()).isEqualTo(version);
    }

    @Test
    void aStaleWriteIsRefusedAndLosesNothing() {
        String id = id();
        save().create(DocumentKind.POLICY, id, "v1", "{\"v\":1}");
        SaveResult.Saved second = (SaveResult.Saved) save().replace(DocumentKind.POLICY, id, 1, "v2", "{\"v\":2}");
        assertThat(second.document().version()).isEqualTo(2);

        SaveResult stale = save().replace(DocumentKind.POLICY, id, 1, "v2 from an old copy", "{\"v\":\"lost?\"}");

        assertThat(stale).isEqualTo(new SaveResult.VersionConflict(2));
        assertThat(load().load(DocumentKind.POLICY, id).orElseThrow().json()).isEqualTo("{\"v\":2}");
        assertThat(save().delete(DocumentKind.POLICY, id, 1)).isEqualTo(new SaveResult.VersionConflict(2));
        assertThat(save().delete(DocumentKind.POLICY, id, 2)).isInstanceOf(SaveResult.Deleted.class);
        assertThat(load().load(DocumentKind.POLICY, id)).isEmpty();
        assertThat(save().replace(DocumentKind.POLICY, id, 2, "gone", "{}")).isInstanceOf(SaveResult.NotFound.class);
    }

    @Test
    void parallelWritersOfOneDocumentNeverLoseAnUpdate() throws Exception {
        String id = id();
        save().create(DocumentKind.POLICY, id, "counter", "[]");
        int writers = 4;
        int attemptsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Callable<Integer> task = () -> {
                int wins = 0;
                for (int i = 0; i < attemptsEach; i++) {
                    StoredDocument read = load().load(DocumentKind.POLICY, id).orElseThrow();
                    String appended = read.json().equals("[]")
                            ? "[\"" + writer + "." + i + "\"]"
                            : read.json().substring(0, read.json().length() - 1) + ",\"" + writer + "." + i + "\"]";
                    if (save().replace(DocumentKind.POLICY, id, read.version(), "counter", appended) instanceof SaveResult.Saved) {
                        wins++;
                    }
                }
                return wins;
            };
            futures.add(pool.submit(task));
        }
        int totalWins = 0;
        for (Future<Integer> f : futures) {
            totalWins += f.get();
        }
        pool.shutdown();

        StoredDocument finalDoc = load().load(DocumentKind.POLICY, id).orElseThrow();
        int entries = finalDoc.json().equals("[]") ? 0 : finalDoc.json().split(",").length;
        assertThat(finalDoc.version()).isEqualTo(1 + totalWins);
        assertThat(entries).as("every successful write is in the document: no update was lost").isEqualTo(totalWins);
        assertThat(totalWins).isGreaterThan(0);
    }
}
