package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.DocumentKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

/**
 * The fact feed's changes, marked pending by the writers and numbered by the readers: a device sync
 * or a risk change never waits on the one version row, and the numbers still follow the order the
 * changes committed in, on any replica.
 */
final class PendingFacts {

    private static final Logger LOG = Logger.getLogger(PendingFacts.class);

    private PendingFacts() {}

    /** Marks the fact's change pending, in the writer's transaction; the snapshot version stays as it was. */
    static void mark(DocumentKind kind, String id) {
        DocumentKey key = new DocumentKey(kind.name(), id);
        FactChangeEntity change = FactChangeEntity.findById(key);
        if (change == null) {
            change = new FactChangeEntity();
            change.key = key;
            change.persist();
        }
        change.sequence = null;
    }

    /**
     * Numbers the facts changed since this was last done, before anyone reads the feed: one
     * transaction holding the version row, so numbers are given in commit order, on any replica,
     * and every entity pending gets one number, however often it changed since. A change committed
     * after this pass is numbered by the next read. A pass that fails (a writer holding a pending row
     * too long) leaves its rows pending for the next: a node then reads the feed as it was, never a gap.
     */
    static void number() {
        if (QuarkusTransaction.joiningExisting().call(() -> FactChangeEntity.count("sequence is null")) == 0) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                SnapshotVersionEntity row = SnapshotVersionEntity.findById(1, LockModeType.PESSIMISTIC_WRITE);
                for (FactChangeEntity change : FactChangeEntity.<FactChangeEntity>list("sequence is null order by key.kind, key.id")) {
                    change.sequence = ++row.factSequence;
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("event=fact_sequencing_deferred reason=%s", e.getClass().getSimpleName());
        }
    }
}
