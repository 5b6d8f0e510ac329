package dev.portcullis.core.port.out;

import java.util.List;
import java.util.Objects;

/**
 * The order in which facts (devices, user risk: {@link DocumentKind#isFact()}) changed. Every
 * change of a fact takes the next sequence number in the transaction that writes it, so the
 * numbers follow the order the changes were committed in, across replicas on one database.
 */
public interface FactFeedPort {

    /** One entity's last change: a store keeps only the last per entity, as a watch needs nothing older. */
    record FactChange(DocumentKind kind, String id, long sequence) {
        public FactChange {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }

    /** The sequence number of the last change of any fact; 0 before the first. */
    long factSequence();

    /** The entities whose last change came after {@code sequence}, in sequence order, at most {@code limit}. */
    List<FactChange> factChangesAfter(long sequence, int limit);
}
