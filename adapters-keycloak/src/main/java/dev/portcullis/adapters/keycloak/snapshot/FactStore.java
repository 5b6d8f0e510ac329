package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The facts this node decides with (devices, users at risk) when they travel in the fact feed:
 * a signed listing, then signed changes applied strictly in order. Changes that do not follow on
 * from the facts held (a gap, a replay, another epoch) are not applied; the node lists again.
 *
 * <p>The last-known-good copy on disk is the signed listing followed by the signed changes applied
 * since, one compact JWS a line, each verified again when the node restarts: nothing on disk is
 * trusted because it is on disk. After {@link #RELIST_AFTER} changes the puller lists afresh, which
 * also keeps that file short.
 */
public final class FactStore {

    private static final Logger LOG = Logger.getLogger(FactStore.class.getName());
    /** Changes applied since the last listing after which the node lists again (and rewrites its copy). */
    static final int RELIST_AFTER = 1_000;

    /** What became of an answer from the feed. */
    public enum Outcome {
        /** Applied: these are the facts now. */
        TAKEN,
        /** Signed and valid, but not the next step from the facts held: list again. */
        OUT_OF_STEP,
        /** Not signed by a trusted key, or not a valid answer: counted and logged, nothing changes. */
        REFUSED
    }

    private record Held(Facts facts, Instant listingSignedAt, int changesSinceListing) {}

    private final FactFeedCodec codec;
    private final TrustedKeys trusted;
    private final Optional<Path> lastKnownGood;
    private final AtomicReference<Held> held = new AtomicReference<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong outOfStep = new AtomicLong();

    public FactStore(FactFeedCodec codec, TrustedKeys trusted, Optional<Path> lastKnownGood) {
        this.codec = codec;
        this.trusted = trusted;
        this.lastKnownGood = lastKnownGood;
        lastKnownGood.filter(Files::isRegularFile).ifPresent(this::restore);
    }

    /** The facts held; empty until a listing was taken, so that nothing reads "no facts" as "no risk". */
    public Optional<Facts> facts() {
        return Optional.ofNullable(held.get()).map(Held::facts);
    }

    /** The entity tag to ask the feed with: empty when the node should list (nothing held, or time to compact). */
    public Optional<String> knownEtag() {
        Held now = held.get();
        return now == null || now.changesSinceListing() >= RELIST_AFTER ? Optional.empty()
                : Optional.of(now.facts().etag());
    }

    /** Answers refused (unsigned, wrongly signed, invalid) since the node started. */
    public long refused() {
        return refused.get();
    }

    /** Valid answers that did not follow on from the facts held, each followed by a new listing. */
    public long outOfStep() {
        return outOfStep.get();
    }

    /** Takes a signed answer from the feed if it is valid and the next step from the facts held. */
    public Outcome offer(byte[] envelope, String source) {
        return offer(envelope, source, true);
    }

    private synchronized Outcome offer(byte[] envelope, String source, boolean persist) {
        Opened opened = SnapshotEnvelope.open(envelope, trusted);
        if (opened instanceof Opened.Refused refusal) {
            return refuse(source, refusal.reason().name().toLowerCase(Locale.ROOT), refusal.detail());
        }
        Opened.Verified verified = (Opened.Verified) opened;
        Parsed<FactFeed> parsed = codec.read(verified.payload());
        if (!parsed.ok()) {
            return refuse(source, "invalid", parsed.errors().toString());
        }
        Held now = held.get();
        Held next;
        if (parsed.value() instanceof FactFeed.Listing listing) {
            next = listed(now, listing.facts(), verified.signedAt(), source);
        } else {
            FactFeed.Changes changes = (FactFeed.Changes) parsed.value();
            next = now == null ? null : now.facts().apply(changes)
                    .map(f -> new Held(f, now.listingSignedAt(), now.changesSinceListing() + 1)).orElse(null);
        }
        if (next == null) {
            outOfStep.incrementAndGet();
            LOG.log(Level.INFO, "event=facts_out_of_step source={0} held={1} effect=list_again", new Object[] {source,
                    now == null ? "none" : now.facts().etag()});
            return Outcome.OUT_OF_STEP;
        }
        held.set(next);
        if (parsed.value() instanceof FactFeed.Listing) {
            LOG.log(Level.INFO, "event=facts_listed source={0} epoch={1} sequence={2} devices={3} risky_users={4}",
                    new Object[] {source, next.facts().epoch(), String.valueOf(next.facts().sequence()),
                        String.valueOf(next.facts().devices().devices().size()),
                        String.valueOf(next.facts().riskyUsers().size())});
        }
        if (persist) {
            lastKnownGood.ifPresent(path -> persist(path, envelope, parsed.value() instanceof FactFeed.Listing));
        }
        return Outcome.TAKEN;
    }

    /**
     * A listing replaces what is held, unless it is older: a lower sequence of the same epoch, or
     * another epoch signed before the listing held (an old database's facts replayed).
     */
    private Held listed(Held now, Facts facts, Instant signedAt, String source) {
        if (now != null && now.facts().epoch().equals(facts.epoch()) && facts.sequence() < now.facts().sequence()) {
            return null;
        }
        if (now != null && !now.facts().epoch().equals(facts.epoch())) {
            if (signedAt.isBefore(now.listingSignedAt())) {
                return null;
            }
            LOG.log(Level.WARNING, "event=facts_epoch_changed source={0} previous_epoch={1} epoch={2}",
                    new Object[] {source, now.facts().epoch(), facts.epoch()});
        }
        return new Held(facts, signedAt, 0);
    }

    private Outcome refuse(String source, String reason, String detail) {
        long total = refused.incrementAndGet();
        LOG.log(Level.WARNING, "event=facts_refused source={0} reason={1} detail={2} refused_total={3} effect={4}",
                new Object[] {source, reason, detail, String.valueOf(total),
                    held.get() == null ? "facts_unknown" : "current_kept"});
        return Outcome.REFUSED;
    }

    private void restore(Path path) {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (!line.isBlank()) {
                    offer(line.trim().getBytes(StandardCharsets.US_ASCII), "last-known-good " + path, false);
                }
            }
            facts().ifPresent(f -> LOG.log(Level.INFO, "event=facts_restored source=disk path={0} sequence={1}",
                    new Object[] {path, String.valueOf(f.sequence())}));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=facts_restore_failed path={0} error={1}", new Object[] {path, e});
        }
    }

    /** A listing starts the file afresh (written aside, then moved); a change is appended to it. */
    private static void persist(Path path, byte[] envelope, boolean listing) {
        try {
            byte[] line = (new String(envelope, StandardCharsets.US_ASCII).trim() + "\n").getBytes(StandardCharsets.US_ASCII);
            if (listing) {
                LastKnownGood.replace(path, line);
            } else {
                Files.write(path, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=facts_persist_failed path={0} error={1}", new Object[] {path, e});
        }
    }
}
