package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.FactFeedPort.FactChange;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One fact's last change and its sequence number, none while the change is pending (see the V8 and V9 migrations). */
@Entity
@Table(name = "portcullis_fact_change")
public class FactChangeEntity extends PanacheEntityBase {

    @EmbeddedId
    public DocumentKey key;

    @Column(name = "seq")
    public Long sequence;

    FactChange toChange() {
        return new FactChange(DocumentKind.valueOf(key.kind), key.id, sequence);
    }
}
