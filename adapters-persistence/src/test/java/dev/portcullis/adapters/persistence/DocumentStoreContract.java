package dev.portcullis.adapters.persistence;

import static dev.portcullis.adapters.persistence.StoredSamples.office;
import static dev.portcullis.adapters.persistence.StoredSamples.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.FactFeedPort;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.SnapshotVersionPort;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.port.out.Transactions;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every document store must do, run against each of them (in memory, H2, PostgreSQL): the
 * subclasses only choose the store. Documents go in and come out as values; how a store encodes
 * them is its own business.
 */
public abstract class DocumentStoreContract {

    /** A store as the services see it: one typed store per kind, its versions and its change sets. */
    protected record Store(DocumentStores stores, SnapshotVersionPort versions, SaveChangeSetPort changeSet,
            FactFeedPort feed) {}

    /** The store under test. */
    protected abstract Store store();

    /** The store's transactions, where it has them (a database); a store in memory cannot roll back. */
    protected Optional<Transactions> transactions() {
        return Optional.empty();
    }

    private DocumentStores stores() {
        return store().stores();
    }

    private SnapshotVersionPort versions() {
        return store().versions();
    }

    private SaveChangeSetPort changeSet() {
        return store().changeSet();
    }

    private FactFeedPort feed() {
        return store().feed();
    }

    private static String id() {
        return "p-" + UUID.randomUUID();
    }

    private DocumentStore<ConditionalAccessPolicy> policies() {
        return stores().policies();
    }

    /** Every kind fits the store's kind column and reads back as itself: Security Defaults' switch too. */
    @Test
    void everyKindOfDocumentIsKeptAndReadBackAsItself() {
        for (StoredSamples.Sample<?> sample : StoredSamples.everyKind(stores())) {
            keptAsItself(sample);
        }
        assertThat(StoredSamples.everyKind(stores())).extracting(s -> s.store().kind())
                .containsExactlyInAnyOrder(DocumentKind.values());
    }

    private <T> void keptAsItself(StoredSamples.Sample<T> sample) {
        String id = id();
        T value = sample.make().apply(id);
        long before = versions().snapshotVersion();
        long factsBefore = feed().factSequence();
        assertThat(sample.store().create(id, "A " + sample.store().kind(), value)).isInstanceOf(SaveResult.Saved.class);
        Stored<T> stored = sample.store().find(id).orElseThrow();
        assertThat(stored.value()).as(sample.store().kind().name()).isEqualTo(value);
        assertThat(stored.displayName()).isEqualTo("A " + sample.store().kind());
        assertThat(sample.store().all()).extracting(Stored::id).contains(id);
        if (sample.store().kind().isFact()) {
            assertThat(versions().snapshotVersion()).as("a fact leaves the policy snapshot as it was").isEqualTo(before);
            assertThat(feed().factChangesAfter(factsBefore, 10)).containsExactly(
                    new FactFeedPort.FactChange(sample.store().kind(), id, factsBefore + 1));
        } else {
            assertThat(versions().snapshotVersion()).isGreaterThan(before);
            assertThat(feed().factSequence()).isEqualTo(factsBefore);
        }
    }

    @Test
    void aChangeSetIsWrittenWholeOrNotAtAllAndRaisesTheVersionOnce() {
        String taken = id();
        policies().create(taken, "Taken", policy(taken, "Taken"));
        long before = versions().snapshotVersion();
        String location = id();
        String policy = id();

        SaveChangeSetPort.Result refused = changeSet().createAll(List.of(
                new SaveChangeSetPort.Addition<>(DocumentKind.NAMED_LOCATION, location, "Office",
                        office(location, List.of(IpRange.of("10.0.0.0/8")))),
                new SaveChangeSetPort.Addition<>(DocumentKind.POLICY, taken, "Again", policy(taken, "Again"))), List.of());
        assertThat(refused).isInstanceOf(SaveChangeSetPort.Result.AlreadyExists.class);
        assertThat(stores().namedLocations().find(location)).isEmpty();
        assertThat(versions().snapshotVersion()).isEqualTo(before);

        SaveChangeSetPort.Result saved = changeSet().createAll(List.of(
                new SaveChangeSetPort.Addition<>(DocumentKind.NAMED_LOCATION, location, "Office",
                        office(location, List.of(IpRange.of("10.0.0.0/8")))),
                new SaveChangeSetPort.Addition<>(DocumentKind.POLICY, policy, "Imported", policy(policy, "Imported"))),
                List.of());
        assertThat(saved).isInstanceOfSatisfying(SaveChangeSetPort.Result.Saved.class, set ->
                assertThat(set.versions()).containsExactly(
                        java.util.Map.entry(SaveChangeSetPort.key(DocumentKind.NAMED_LOCATION, location), 1L),
                        java.util.Map.entry(SaveChangeSetPort.key(DocumentKind.POLICY, policy), 1L)));
        assertThat(versions().snapshotVersion()).isEqualTo(before + 1);
        assertThat(policies().find(policy).orElseThrow().value()).isEqualTo(policy(policy, "Imported"));
        assertThat(policies().find(policy).orElseThrow().version()).isEqualTo(1);
        assertThat(stores().namedLocations().find(location).orElseThrow().value())
                .isEqualTo(office(location, List.of(IpRange.of("10.0.0.0/8"))));
    }

    @Test
    void aCreatedDocumentReadsBackAsWrittenAndRaisesTheSnapshotVersion() {
        long before = versions().snapshotVersion();
        String id = id();
        SaveResult<ConditionalAccessPolicy> result = policies().create(id, "Block legacy authentication",
                policy(id, "Block legacy authentication"));

        assertThat(result).isInstanceOf(SaveResult.Saved.class);
        SaveResult.Saved<ConditionalAccessPolicy> saved = (SaveResult.Saved<ConditionalAccessPolicy>) result;
        assertThat(saved.document().version()).isEqualTo(1);
        assertThat(saved.document().value()).isEqualTo(policy(id, "Block legacy authentication"));
        assertThat(versions().snapshotVersion()).isGreaterThan(before);
        Stored<ConditionalAccessPolicy> read = policies().find(id).orElseThrow();
        assertThat(read.value()).isEqualTo(policy(id, "Block legacy authentication"));
        assertThat(read.displayName()).isEqualTo("Block legacy authentication");
        assertThat(read.versioned().version()).contains(1L);
        assertThat(stores().namedLocations().find(id)).as("kinds are separate").isEmpty();
        assertThat(policies().all()).extracting(Stored::id).contains(id);
    }

    @Test
    void theSnapshotEpochIsOneIdThatChangesDoNotAlter() {
        String epoch = versions().snapshotEpoch();
        assertThat(PolicySnapshot.validEpoch(epoch)).as(epoch).isTrue();

        String id = id();
        policies().create(id, "a change", policy(id, "a change"));

        assertThat(versions().snapshotEpoch()).isEqualTo(epoch);
    }

    @Test
    void creatingAnExistingIdChangesNothing() {
        String id = id();
        policies().create(id, "first", policy(id, "first"));
        long version = versions().snapshotVersion();

        assertThat(policies().create(id, "second", policy(id, "second"))).isInstanceOf(SaveResult.AlreadyExists.class);
        assertThat(policies().find(id).orElseThrow().value().displayName()).isEqualTo("first");
        assertThat(versions().snapshotVersion()).isEqualTo(version);
    }

    @Test
    void aStaleWriteIsRefusedAndLosesNothing() {
        String id = id();
        policies().create(id, "v1", policy(id, "v1"));
        SaveResult.Saved<ConditionalAccessPolicy> second =
                (SaveResult.Saved<ConditionalAccessPolicy>) policies().replace(id, 1, "v2", policy(id, "v2"));
        assertThat(second.document().version()).isEqualTo(2);

        SaveResult<ConditionalAccessPolicy> stale = policies().replace(id, 1, "v2 from an old copy",
                policy(id, "lost?"));

        assertThat(stale).isEqualTo(new SaveResult.VersionConflict<>(2));
        assertThat(policies().find(id).orElseThrow().value().displayName()).isEqualTo("v2");
        assertThat(policies().delete(id, 1)).isEqualTo(new SaveResult.VersionConflict<>(2));
        assertThat(policies().delete(id, 2)).isInstanceOf(SaveResult.Deleted.class);
        assertThat(policies().find(id)).isEmpty();
        assertThat(policies().replace(id, 2, "gone", policy(id, "gone"))).isInstanceOf(SaveResult.NotFound.class);
    }

    /** Each writer adds a range of its own to one named location, naming the version it read. */
    @Test
    void parallelWritersOfOneDocumentNeverLoseAnUpdate() throws Exception {
        DocumentStore<NamedLocation> locations = stores().namedLocations();
        String id = id();
        locations.create(id, "Office", office(id, List.of(IpRange.of("192.168.0.0/16"))));
        int writers = 4;
        int attemptsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Callable<Integer> task = () -> {
                int wins = 0;
                for (int i = 0; i < attemptsEach; i++) {
                    Stored<NamedLocation> read = locations.find(id).orElseThrow();
                    List<IpRange> ranges = new ArrayList<>(((IpNamedLocation) read.value()).ipRanges());
                    ranges.add(IpRange.of("10." + writer + "." + i + ".0/24"));
                    if (locations.replace(id, read.version(), "Office", office(id, ranges)) instanceof SaveResult.Saved) {
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

        Stored<NamedLocation> last = locations.find(id).orElseThrow();
        assertThat(last.version()).isEqualTo(1 + totalWins);
        assertThat(((IpNamedLocation) last.value()).ipRanges()).as("every successful write is in the document:"
                + " no update was lost").hasSize(1 + totalWins);
        assertThat(totalWins).isGreaterThan(0);
    }

    /**
     * MDM batches racing over the same devices, each turning compliance over from what it read and
     * naming the version it read: a write that overwrote another unseen would undo it, so each
     * device's compliance tells how many writes were made to it, and so does its version. Half of
     * them list the devices the other way round; no batch waits for another in a circle and fails.
     */
    @Test
    void parallelBatchesOfTheSameDevicesNeverLoseAnUpdate() throws Exception {
        var devices = stores().devices();
        List<String> ids = List.of(id(), id(), id());
        ids.forEach(id -> devices.create(id, "Laptop", StoredSamples.device(id, true)));
        Map<String, Integer> made = new ConcurrentHashMap<>();
        List<Exception> refused = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<String> order = new ArrayList<>(ids);
            if (w % 2 == 1) {
                Collections.reverse(order);
            }
            writers.add(pool.submit(() -> {
                for (int round = 0; round < 15; round++) {
                    List<DocumentStore.Write<Device>> writes = devices.findEach(order).stream()
                            .map(read -> new DocumentStore.Write<>(read.id(), Optional.of(read.version()), "Laptop",
                                    StoredSamples.device(read.id(), !read.value().compliant()))).toList();
                    try {
                        List<SaveResult<Device>> results = devices.writeEach(writes);
                        for (int i = 0; i < writes.size(); i++) {
                            if (results.get(i) instanceof SaveResult.Saved) {
                                made.merge(writes.get(i).id(), 1, Integer::sum);
                            }
                        }
                    } catch (RuntimeException e) {
                        refused.add(e);
                    }
                }
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        for (Stored<Device> device : devices.findEach(ids)) {
            int writes = made.getOrDefault(device.id(), 0);
            assertThat(device.version()).as("one version for each write made").isEqualTo(1 + writes);
            assertThat(device.value().compliant()).as("every write made turned it over").isEqualTo(writes % 2 == 0);
        }
        assertThat(made.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(15);
        assertThat(refused).as("batches refused whole").isEmpty();
    }

    /** Writes of a kind nodes take in the policy snapshot raise its version, as one write does. */
    @Test
    void aBatchOfPoliciesRaisesTheSnapshotVersion() {
        String id = id();
        long before = versions().snapshotVersion();

        assertThat(policies().writeEach(List.of(new DocumentStore.Write<>(id, Optional.empty(), "MFA", policy(id, "MFA")))))
                .singleElement().isInstanceOf(SaveResult.Saved.class);

        assertThat(versions().snapshotVersion()).isGreaterThan(before);
    }

    /**
     * Only each entity's last change is kept: a node that asks gets the entity once, as it is now. A
     * store may number every change (in memory) or every entity changed since the feed was last read
     * (the database numbers pending changes when the feed is read): either way in order, no gaps.
     */
    @Test
    void aFactKeepsItsLastChangeOnlyAndADeletionIsOneToo() {
        long before = feed().factSequence();
        String laptop = id();
        String phone = id();
        var devices = stores().devices();
        devices.create(laptop, "Laptop", StoredSamples.device(laptop, true));
        devices.create(phone, "Phone", StoredSamples.device(phone, true));
        devices.replace(laptop, 1, "Laptop", StoredSamples.device(laptop, false));
        devices.delete(phone, 1);

        List<FactFeedPort.FactChange> changes = feed().factChangesAfter(before, 10);
        assertThat(changes).extracting(FactFeedPort.FactChange::id).containsExactlyInAnyOrder(laptop, phone);
        assertThat(changes).extracting(FactFeedPort.FactChange::sequence).isSorted().allMatch(s -> s > before);
        assertThat(feed().factSequence()).isEqualTo(changes.get(1).sequence());
        assertThat(feed().factChangesAfter(changes.get(0).sequence(), 10)).containsExactly(changes.get(1));
        assertThat(feed().factChangesAfter(before, 1)).containsExactly(changes.get(0));
        assertThat(devices.find(phone)).as("the deletion is the phone's last change").isEmpty();
    }

    /** A change made after the feed was read comes after everything that read returned. */
    @Test
    void aFactChangedAfterTheFeedWasReadComesAfterWhatThatReadReturned() {
        String laptop = id();
        stores().devices().create(laptop, "Laptop", StoredSamples.device(laptop, true));
        long read = feed().factSequence();

        stores().devices().replace(laptop, 1, "Laptop", StoredSamples.device(laptop, false));

        assertThat(feed().factChangesAfter(read, 10)).extracting(FactFeedPort.FactChange::id).containsExactly(laptop);
        assertThat(feed().factSequence()).isGreaterThan(read);
    }

    /**
     * A node follows the feed by asking what came after the last number it saw. Writers racing on
     * several connections must never commit a lower number after a higher one was seen, or the node
     * would skip that change for good.
     */
    @Test
    void aFollowerOfTheFeedMissesNoChangeWhileWritersRace() throws Exception {
        long start = feed().factSequence();
        int writers = 4;
        int each = 25;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean written = new AtomicBoolean();
        Future<?> follower = Executors.newSingleThreadExecutor().submit(() -> {
            long known = start;
            boolean last;
            do {
                last = written.get();
                for (FactFeedPort.FactChange change : feed().factChangesAfter(known, 1000)) {
                    seen.add(change.id());
                    known = Math.max(known, change.sequence());
                }
            } while (!last);
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<String>>> created = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            created.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    String id = id();
                    stores().devices().create(id, "Device", StoredSamples.device(id, true));
                    ids.add(id);
                }
                return ids;
            }));
        }
        Set<String> all = new HashSet<>();
        for (Future<List<String>> f : created) {
            all.addAll(f.get());
        }
        pool.shutdown();
        written.set(true);
        follower.get();

        assertThat(feed().factSequence()).isEqualTo(start + writers * each);
        assertThat(seen).as("every change reached the follower").containsAll(all);
    }

    /** The fact feed reads many changed documents at once: those that exist, once each, past a query's list of ids. */
    @Test
    void manyDocumentsAreReadAtOnceAndOnlyThoseThatExist() {
        var devices = stores().devices();
        String first = id();
        String last = id();
        devices.create(first, "Laptop", StoredSamples.device(first, true));
        devices.create(last, "Phone", StoredSamples.device(last, false));
        List<String> wanted = new ArrayList<>(List.of(first, first));
        IntStream.range(0, 1_500).forEach(i -> wanted.add("missing-" + i));
        wanted.add(last);

        List<Stored<Device>> found = devices.findEach(wanted);

        assertThat(found).extracting(Stored::id).containsExactlyInAnyOrder(first, last);
        assertThat(found).filteredOn(d -> d.id().equals(last)).singleElement()
                .satisfies(d -> assertThat(d.value().compliant()).isFalse());
        assertThat(devices.findEach(List.of())).isEmpty();
        assertThat(stores().policies().findEach(List.of(first))).as("kinds are separate").isEmpty();
    }

    /** A device, a policy and the marks they leave (the snapshot version, the fact feed) go together or not at all. */
    @Test
    void whatATransactionWroteIsGoneWhenItFails() {
        assumeTrue(transactions().isPresent(), "a store in memory cannot roll back");
        long version = versions().snapshotVersion();
        long facts = feed().factSequence();
        String device = id();
        String policy = id();

        assertThatThrownBy(() -> transactions().get().inOne(() -> {
            stores().devices().create(device, "Laptop", StoredSamples.device(device, true));
            policies().create(policy, "Pilot", policy(policy, "Pilot"));
            throw new IllegalStateException("the audit entry could not be written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores().devices().find(device)).isEmpty();
        assertThat(policies().find(policy)).isEmpty();
        assertThat(versions().snapshotVersion()).isEqualTo(version);
        assertThat(feed().factSequence()).isEqualTo(facts);
        assertThat(feed().factChangesAfter(facts, 10)).isEmpty();
    }

    /**
     * An MDM's report reads the device, then writes it, in one transaction. When another report
     * lands between the two, the write is refused as stale (not an error that spoils the
     * transaction), and a second read in the same transaction sees the other report and wins.
     */
    @Test
    void aWriterThatReadBeforeAnotherWroteIsToldSoAndCanReadAgainInItsTransaction() throws Exception {
        assumeTrue(transactions().isPresent(), "a store in memory has no transactions to read in");
        var devices = stores().devices();
        String id = id();
        devices.create(id, "Laptop", StoredSamples.device(id, true));

        SaveResult<Device> retried = transactions().get().inOne(() -> {
            Stored<Device> read = devices.find(id).orElseThrow();
            try {
                Executors.newSingleThreadExecutor().submit(() -> devices.replace(id, 1, "Laptop",
                        StoredSamples.device(id, false))).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(devices.replace(id, read.version(), "Laptop", StoredSamples.device(id, true)))
                    .isEqualTo(new SaveResult.VersionConflict<>(2));
            Stored<Device> again = devices.find(id).orElseThrow();
            assertThat(again.value().compliant()).as("the other report, read in the same transaction").isFalse();
            return devices.replace(id, again.version(), "Laptop", StoredSamples.device(id, true));
        });

        assertThat(retried).isInstanceOf(SaveResult.Saved.class);
        assertThat(devices.find(id).orElseThrow().version()).isEqualTo(3);
        assertThat(devices.find(id).orElseThrow().value().compliant()).isTrue();
    }

    /** An MDM's batch: each write answered as it would be alone, the refused ones changing nothing. */
    @Test
    void severalWritesAreEachAnsweredAsAloneAndOnlyTheMadeOnesAreFactChanges() {
        var devices = stores().devices();
        String created = id();
        String replaced = id();
        String stale = id();
        String taken = id();
        String missing = id();
        devices.create(replaced, "Laptop", StoredSamples.device(replaced, true));
        devices.create(stale, "Laptop", StoredSamples.device(stale, true));
        devices.replace(stale, 1, "Laptop", StoredSamples.device(stale, false));
        devices.create(taken, "Laptop", StoredSamples.device(taken, true));
        long facts = feed().factSequence();
        long version = versions().snapshotVersion();

        List<SaveResult<Device>> results = devices.writeEach(List.of(
                new DocumentStore.Write<>(created, Optional.empty(), "New", StoredSamples.device(created, true)),
                new DocumentStore.Write<>(replaced, Optional.of(1L), "Laptop", StoredSamples.device(replaced, false)),
                new DocumentStore.Write<>(stale, Optional.of(1L), "Laptop", StoredSamples.device(stale, true)),
                new DocumentStore.Write<>(taken, Optional.empty(), "Laptop", StoredSamples.device(taken, false)),
                new DocumentStore.Write<>(missing, Optional.of(1L), "Laptop", StoredSamples.device(missing, false)),
                new DocumentStore.Write<>(created, Optional.of(1L), "New", StoredSamples.device(created, false))));

        assertThat(results.get(0)).isInstanceOfSatisfying(SaveResult.Saved.class,
                saved -> assertThat(saved.document().version()).isEqualTo(1));
        assertThat(results.get(1)).isInstanceOfSatisfying(SaveResult.Saved.class,
                saved -> assertThat(saved.document().version()).isEqualTo(2));
        assertThat(results.get(2)).isEqualTo(new SaveResult.VersionConflict<>(2));
        assertThat(results.get(3)).isInstanceOf(SaveResult.AlreadyExists.class);
        assertThat(results.get(4)).isInstanceOf(SaveResult.NotFound.class);
        assertThat(results.get(5)).as("the second write of one device sees the first's version")
                .isInstanceOfSatisfying(SaveResult.Saved.class, saved -> assertThat(saved.document().version()).isEqualTo(2));
        assertThat(devices.find(created).orElseThrow().value().compliant()).isFalse();
        assertThat(devices.find(replaced).orElseThrow().value().compliant()).isFalse();
        assertThat(devices.find(stale).orElseThrow().value().compliant()).as("the stale write changed nothing").isFalse();
        assertThat(devices.find(taken).orElseThrow().value().compliant()).isTrue();
        assertThat(devices.find(missing)).isEmpty();
        assertThat(feed().factChangesAfter(facts, 10)).extracting(FactFeedPort.FactChange::id)
                .containsExactlyInAnyOrder(created, replaced);
        assertThat(versions().snapshotVersion()).as("facts leave the policy snapshot alone").isEqualTo(version);
    }
}
