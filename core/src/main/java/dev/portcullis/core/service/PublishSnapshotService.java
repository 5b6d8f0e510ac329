package dev.portcullis.core.service;

import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.SnapshotVersionPort;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The snapshot as stored now, with its evaluator, built once per snapshot version: a version names
 * one content, so reading and indexing 195 policies happens once per change, not once per What-If.
 */
public final class PublishSnapshotService implements PublishSnapshot {

    private final SnapshotVersionPort versions;
    private final DocumentStores stores;
    private final StoredReferences references;
    private final Clock clock;
    private final StoredSecurityDefaults securityDefaults;
    private volatile Published current;

    public PublishSnapshotService(SnapshotVersionPort versions, DocumentStores stores, Clock clock,
            StoredSecurityDefaults securityDefaults) {
        this.versions = versions;
        this.stores = stores;
        this.references = new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths());
        this.clock = clock;
        this.securityDefaults = securityDefaults;
    }

    @Override
    public Published current() {
        Published known = current;
        long version = versions.snapshotVersion();
        if (known != null && known.snapshot().version() == version) {
            return known;
        }
        return rebuild(version);
    }

    @Override
    public Stamp latest() {
        return new Stamp(versions.snapshotEpoch(), versions.snapshotVersion());
    }

    private synchronized Published rebuild(long version) {
        Published known = current;
        if (known != null && known.snapshot().version() == version) {
            return known;
        }
        PolicySnapshot snapshot = snapshot();
        Published fresh = new Published(snapshot, Evaluator.of(snapshot.policySet()));
        current = fresh;
        return fresh;
    }

    /**
     * The policies and what they name, as the snapshot a node enforces; the facts (devices, users at
     * risk) travel in the fact feed. Stored documents were validated when written, so a failure here is
     * a server fault, not the caller's.
     */
    private PolicySnapshot snapshot() {
        long version = versions.snapshotVersion();
        List<Stored<ConditionalAccessPolicy>> stored = stores.policies().all();
        Map<String, NamedLocation> locations = references.namedLocations();
        List<AuthenticationStrength> custom = references.strengths().values().stream().filter(s -> !s.builtIn()).toList();
        // Security Defaults' behaviour travels as ordinary policies: nodes evaluate it like any other.
        List<ConditionalAccessPolicy> policies = Stream.concat(securityDefaults.enforcedPolicies().stream(),
                stored.stream().map(Stored::value)).toList();
        Instant published = Stream.concat(stored.stream().map(Stored::modifiedAt),
                securityDefaults.stored().stream().map(Stored::modifiedAt)).max(Instant::compareTo).orElse(Instant.EPOCH);
        return PolicySnapshot.withFactFeed(versions.snapshotEpoch(), version, published,
                PolicySet.of(policies, locations.values(), custom), passes(clock.instant()));
    }

    /** Every pass that works now or will: an expired or used one is of no use to a node. */
    private Map<String, TemporaryAccessPass> passes(Instant now) {
        Map<String, TemporaryAccessPass> passes = new LinkedHashMap<>();
        for (Stored<TemporaryAccessPass> doc : stores.temporaryAccessPasses().all()) {
            if (!doc.value().spent(now)) {
                passes.put(doc.value().userId(), doc.value());
            }
        }
        return passes;
    }
}
