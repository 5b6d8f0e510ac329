package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The snapshot this node enforces, compiled once per version, plus its last-known-good copy on
 * disk. Only a snapshot signed by a trusted key is taken, from the control plane, a snapshot file
 * or the copy on disk alike (the copy is the signed envelope as received, verified again on load).
 *
 * <p>Versions count within the control plane database's epoch. Under the same epoch a lower version
 * is refused (a replay of an old signed snapshot). A new epoch (a rebuilt database, whose versions
 * start again) is taken and logged loudly, however its versions compare, as long as it was signed
 * no earlier than the snapshot it replaces: so a node never freezes on a rebuilt database, and an
 * old epoch's snapshot replayed later does not win. Every refusal is logged and counted by reason.
 */
public final class SnapshotStore {

    private static final Logger LOG = Logger.getLogger(SnapshotStore.class.getName());

    /** A snapshot with its compiled evaluator, the signed envelope it came in, who signed it and when. */
    public record Active(PolicySnapshot snapshot, Evaluator evaluator, byte[] envelope, String keyId, Instant signedAt) {}

    /** Why a snapshot was refused: the envelope's reasons, and what only the store can judge. */
    public enum Refusal {
        UNSIGNED, SIGNATURE, UNKNOWN_KEY, KEYS_UNAVAILABLE,
        /** Signed, but not a snapshot that parses and validates. */
        INVALID,
        /** A lower version of the epoch enforced now: a replay of an old signed snapshot. */
        REPLAY,
        /** Another epoch, signed before the snapshot enforced now: an old database's snapshot replayed. */
        STALE_EPOCH;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Refusal of(Opened.Reason reason) {
            return valueOf(reason.name());
        }
    }

    private final SnapshotCodec snapshots;
    private final TrustedKeys trusted;
    private final Optional<Path> lastKnownGood;
    private final AtomicReference<Active> active = new AtomicReference<>();
    private final Map<Refusal, AtomicLong> refused = new LinkedHashMap<>();
    /** The last envelope refused: the same one offered again (each poll, by a stand-in) is counted but logged sparingly. */
    private byte[] lastRefused = new byte[0];

    public SnapshotStore(SnapshotCodec snapshots, TrustedKeys trusted, Optional<Path> lastKnownGood) {
        this.snapshots = snapshots;
        this.trusted = trusted;
        this.lastKnownGood = lastKnownGood;
        Arrays.stream(Refusal.values()).forEach(r -> refused.put(r, new AtomicLong()));
        lastKnownGood.filter(Files::isRegularFile).ifPresent(path -> {
            try {
                if (offer(Files.readAllBytes(path), "last-known-good " + path, false)) {
                    LOG.log(Level.INFO, "event=snapshot_restored source=disk path={0}", path);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "event=snapshot_restore_failed path={0} error={1}", new Object[] {path, e});
            }
        });
    }

    public Optional<Active> active() {
        return Optional.ofNullable(active.get());
    }

    /** How many snapshots were refused, by reason, since the node started. */
    public long refused(Refusal reason) {
        return refused.get(reason).get();
    }

    /**
     * Takes a signed snapshot if a trusted key signed it, it is valid, and it is newer than the current one.
     *
     * @return whether it became the active snapshot
     */
    public boolean offer(byte[] envelope, String source) {
        return offer(envelope, source, true);
    }

    private synchronized boolean offer(byte[] envelope, String source, boolean persist) {
        Opened opened = SnapshotEnvelope.open(envelope, trusted);
        boolean again = Arrays.equals(envelope, lastRefused);
        lastRefused = envelope;
        if (opened instanceof Opened.Refused refusal) {
            return refuse(Refusal.of(refusal.reason()), source, refusal.detail(), again);
        }
        Opened.Verified verified = (Opened.Verified) opened;
        Parsed<PolicySnapshot> parsed = snapshots.read(verified.payload());
        if (!parsed.ok()) {
            return refuse(Refusal.INVALID, source, parsed.errors().toString(), again);
        }
        PolicySnapshot snapshot = parsed.value();
        Active current = active.get();
        boolean newEpoch = current != null && !current.snapshot().epoch().equals(snapshot.epoch());
        if (current != null && !newEpoch) {
            if (snapshot.version() < current.snapshot().version()) {
                return refuse(Refusal.REPLAY, source, "version " + snapshot.version() + " is older than "
                        + current.snapshot().version() + " of epoch " + snapshot.epoch(), again);
            }
            if (snapshot.version() == current.snapshot().version()) {
                return false;
            }
        }
        if (newEpoch && verified.signedAt().isBefore(current.signedAt())) {
            return refuse(Refusal.STALE_EPOCH, source, "epoch " + snapshot.epoch() + " signed " + verified.signedAt()
                    + ", before the snapshot enforced now (epoch " + current.snapshot().epoch() + ", signed "
                    + current.signedAt() + ")", again);
        }
        if (newEpoch) {
            // Loud on purpose: a rebuilt or replaced control-plane database is an event operators must see.
            LOG.log(Level.WARNING, "event=snapshot_epoch_changed source={0} previous_epoch={1} previous_version={2}"
                    + " epoch={3} version={4} kid={5} effect=new_epoch_enforced", new Object[] {source,
                        current.snapshot().epoch(), String.valueOf(current.snapshot().version()), snapshot.epoch(),
                        String.valueOf(snapshot.version()), verified.keyId()});
        }
        lastRefused = new byte[0];
        active.set(new Active(snapshot, Evaluator.of(snapshot.policySet()), envelope.clone(), verified.keyId(),
                verified.signedAt()));
        LOG.log(Level.INFO, "event=snapshot_activated source={0} epoch={1} version={2} kid={3} policies={4} warnings={5}",
                new Object[] {source, snapshot.epoch(), String.valueOf(snapshot.version()), verified.keyId(),
                    String.valueOf(snapshot.policySet().policies().size()), String.valueOf(parsed.warnings().size())});
        if (persist) {
            lastKnownGood.ifPresent(path -> {
                try {
                    LastKnownGood.replace(path, envelope);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "event=snapshot_persist_failed path={0} error={1}", new Object[] {path, e});
                }
            });
        }
        return true;
    }

    private boolean refuse(Refusal reason, String source, String detail, boolean again) {
        long total = refused.get(reason).incrementAndGet();
        if (again && Long.bitCount(total) != 1) {
            return false; // the same envelope again: logged at totals 1, 2, 4, 8, ... so that a poll loop does not flood the log
        }
        LOG.log(Level.WARNING, "event=snapshot_refused source={0} reason={1} detail={2} refused_total={3} effect={4}",
                new Object[] {source, reason.tag(), detail, String.valueOf(total),
                    active.get() == null ? "fail_secure_default" : "current_kept"});
        return false;
    }
}
