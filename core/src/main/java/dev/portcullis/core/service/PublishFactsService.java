package dev.portcullis.core.service;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.FactFeedPort;
import dev.portcullis.core.port.out.FactFeedPort.FactChange;
import dev.portcullis.core.port.out.SnapshotVersionPort;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fact feed as stored now. A listing reads the sequence before the facts, and changes read the
 * changed entities after their sequence numbers: an entity that changes meanwhile is sent as it is
 * newest, and again with its own number later, so a node that applies answers in order never ends
 * up behind the database.
 */
public final class PublishFactsService implements PublishFacts {

    /** Beyond this many changed entities a node gets the listing instead: it is the smaller answer by then. */
    static final int MAX_CHANGES = 10_000;

    private final FactFeedPort feed;
    private final SnapshotVersionPort versions;
    private final DocumentStores stores;
    private final UserRiskAssessor assessor;
    private final Clock clock;
    private volatile Facts current;

    public PublishFactsService(FactFeedPort feed, SnapshotVersionPort versions, DocumentStores stores,
            UserRiskAssessor assessor, Clock clock) {
        this.feed = feed;
        this.versions = versions;
        this.stores = stores;
        this.assessor = assessor;
        this.clock = clock;
    }

    @Override
    public Stamp latest() {
        return new Stamp(versions.snapshotEpoch(), feed.factSequence());
    }

    @Override
    public Facts current() {
        Facts known = current;
        if (known != null && known.sequence() == feed.factSequence()) {
            return known;
        }
        return list();
    }

    private synchronized Facts list() {
        long sequence = feed.factSequence();
        Facts known = current;
        if (known != null && known.sequence() == sequence) {
            return known;
        }
        List<Device> devices = stores.devices().all().stream().map(Stored::value).toList();
        Instant now = clock.instant();
        Map<String, RiskAssessment> risky = new LinkedHashMap<>();
        for (Stored<RiskyUser> doc : stores.riskyUsers().all()) {
            atRisk(doc.value(), now).ifPresent(assessment -> risky.put(doc.id(), assessment));
        }
        Facts fresh = new Facts(versions.snapshotEpoch(), sequence,
                new DeviceInventory(devices, DeviceInventory.MAX_CHECK_IN_AGE), risky);
        current = fresh;
        return fresh;
    }

    @Override
    public FactFeed after(Stamp known) {
        Stamp latest = latest();
        if (!known.epoch().equals(latest.epoch()) || known.sequence() > latest.sequence()) {
            return new FactFeed.Listing(current());
        }
        List<FactChange> changed = feed.factChangesAfter(known.sequence(), MAX_CHANGES + 1);
        if (changed.size() > MAX_CHANGES) {
            return new FactFeed.Listing(current());
        }
        long sequence = changed.stream().mapToLong(FactChange::sequence).reduce(latest.sequence(), Math::max);
        Instant now = clock.instant();
        Map<DocumentKind, List<String>> ids = new EnumMap<>(DocumentKind.class);
        changed.forEach(change -> ids.computeIfAbsent(change.kind(), k -> new ArrayList<>()).add(change.id()));
        Map<String, Device> foundDevices = byId(stores.devices(), ids);
        Map<String, RiskyUser> foundUsers = byId(stores.riskyUsers(), ids);
        List<Device> devices = new ArrayList<>();
        Set<String> removedDevices = new HashSet<>();
        Map<String, RiskAssessment> risky = new LinkedHashMap<>();
        Set<String> notAtRisk = new HashSet<>();
        for (FactChange change : changed) {
            String id = change.id();
            if (change.kind() == DocumentKind.DEVICE) {
                Optional.ofNullable(foundDevices.get(id)).ifPresentOrElse(devices::add, () -> removedDevices.add(id));
            } else if (change.kind() == DocumentKind.RISKY_USER) {
                Optional.ofNullable(foundUsers.get(id)).flatMap(user -> atRisk(user, now))
                        .ifPresentOrElse(a -> risky.put(id, a), () -> notAtRisk.add(id));
            }
        }
        return new FactFeed.Changes(latest.epoch(), known.sequence(), sequence, devices, removedDevices, risky,
                notAtRisk);
    }

    /** One read per kind, not one per change: a node's feed read costs a few queries however busy the writers. */
    private static <T> Map<String, T> byId(DocumentStore<T> store, Map<DocumentKind, List<String>> ids) {
        Map<String, T> found = new HashMap<>();
        store.findEach(ids.getOrDefault(store.kind(), List.of())).forEach(doc -> found.put(doc.id(), doc.value()));
        return found;
    }

    /** The user's risk now, if above none: only those users are what nodes enforce. */
    private Optional<RiskAssessment> atRisk(RiskyUser user, Instant now) {
        RiskAssessment assessment = user.assess(assessor, now);
        return assessment.level() == RiskLevel.NONE ? Optional.empty() : Optional.of(assessment);
    }
}
