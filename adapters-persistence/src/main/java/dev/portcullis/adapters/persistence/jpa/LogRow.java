package dev.portcullis.adapters.persistence.jpa;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;

/**
 * A row of an append-only log (sign-ins, audit): the record's own id, and when it happened, which
 * is what the log is read newest first by ({@code order by at desc, id}).
 */
@MappedSuperclass
public abstract class LogRow extends PanacheEntityBase {

    @Id
    @Column(name = "id", length = 64)
    public String id;

    @Column(name = "at", nullable = false)
    public OffsetDateTime at;
}
