package dev.portcullis.adapters.keycloak.snapshot;

import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.Parsed;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The snapshot this node enforces, compiled once per version, plus its last-known-good copy on
 * disk. A new snapshot replaces the current one only if it is valid and not older; a node that
 * restarts while the control plane is down starts from the copy on disk.
 */
public final class SnapshotStore {

    private static final Logger LOG = Logger.getLogger(SnapshotStore.class.getName());

    /** A snapshot with its compiled evaluator and the exact bytes it came from. */
    public record Active(PolicySnapshot snapshot, Evaluator evaluator, byte[] bytes) {}

    private final GraphJson json;
    private final Optional<Path> lastKnownGood;
    private final AtomicReference<Active> active = new AtomicReference<>();

    public SnapshotStore(GraphJson json, Optional<Path> lastKnownGood) {
        this.json = json;
        this.lastKnownGood = lastKnownGood;
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

    /**
     * Takes a snapshot if it is valid and at least as new as the current one.
     *
     * @return whether it became the active snapshot
     */
    public boolean offer(byte[] bytes, String source) {
        return offer(bytes, source, true);
    }

    private synchronized boolean offer(byte[] bytes, String source, boolean persist) {
        Parsed<PolicySnapshot> parsed = json.readSnapshot(bytes);
        if (!parsed.ok()) {
            LOG.log(Level.WARNING, "event=snapshot_rejected source={0} problems={1} effect=previous_kept",
                    new Object[] {source, parsed.errors()});
            return false;
        }
        PolicySnapshot snapshot = parsed.value();
        Active current = active.get();
        if (current != null && snapshot.version() < current.snapshot().version()) {
            LOG.log(Level.WARNING, "event=snapshot_rejected source={0} version={1} current={2} reason=older",
                    new Object[] {source, snapshot.version(), current.snapshot().version()});
            return false;
        }
        if (current != null && snapshot.version() == current.snapshot().version()) {
            return false;
        }
        active.set(new Active(snapshot, Evaluator.of(snapshot.policySet()), bytes.clone()));
        LOG.log(Level.INFO, "event=snapshot_activated source={0} version={1} policies={2} warnings={3}",
                new Object[] {source, snapshot.version(), snapshot.policySet().policies().size(),
                    parsed.warnings().size()});
        if (persist) {
            lastKnownGood.ifPresent(path -> persist(path, bytes));
        }
        return true;
    }

    private static void persist(Path path, byte[] bytes) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path temp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(temp, bytes);
            try {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=snapshot_persist_failed path={0} error={1}", new Object[] {path, e});
        }
    }
}
