package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.DocumentKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jboss.logging.Logger;

/**
 * The fact feed's changes, marked pending by the writers and numbered by the readers: a device sync
 * or a risk change never waits on the one version row, and the numbers still follow the order the
 * changes committed in, on any replica.
 */
final class PendingFacts {

    private static final Logger LOG = Logger.getLogger(PendingFacts.class);
    /** The pending changes, each with its place in key order. */
    private static final String PENDING_IN_ORDER =
            "select kind, id, row_number() over (order by kind, id) as n from portcullis_fact_change where seq is null";

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
     * One statement numbers them all, so a pass costs the database one update, not one per fact.
     */
    static void number() {
        if (QuarkusTransaction.joiningExisting().call(() -> FactChangeEntity.count("sequence is null")) == 0) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                SnapshotVersionEntity row = SnapshotVersionEntity.findById(1, LockModeType.PESSIMISTIC_WRITE);
                EntityManager manager = FactChangeEntity.getEntityManager();
                manager.createNativeQuery(numbering(manager)).setParameter(1, row.factSequence).executeUpdate();
                Long last = manager.createQuery("select max(sequence) from FactChangeEntity", Long.class).getSingleResult();
                row.factSequence = Math.max(row.factSequence, last == null ? 0 : last);
            });
        } catch (RuntimeException e) {
            LOG.warnf("event=fact_sequencing_deferred reason=%s", e.getClass().getSimpleName());
        }
    }

    /**
     * Gives each pending change the next number after {@code ?1}, in key order. PostgreSQL (14 has
     * no MERGE) updates from a join; H2 has no {@code UPDATE ... FROM}, so it merges.
     */
    private static String numbering(EntityManager manager) {
        Dialect dialect = manager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect();
        if (dialect instanceof PostgreSQLDialect) {
            return """
                    update portcullis_fact_change c set seq = ?1 + p.n from (%s) p where c.kind = p.kind and c.id = p.id
                    """.formatted(PENDING_IN_ORDER);
        }
        if (dialect instanceof H2Dialect) {
            return """
                    merge into portcullis_fact_change c using (%s) p on (c.kind = p.kind and c.id = p.id)
                    when matched then update set seq = ?1 + p.n
                    """.formatted(PENDING_IN_ORDER);
        }
        throw new IllegalStateException("the fact feed is numbered on PostgreSQL or H2, not with " + dialect);
    }
}
