package dev.portcullis.adapters.persistence.jpa;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row holding the snapshot version, the database's epoch (V4) and the fact sequence (V8). */
@Entity
@Table(name = "portcullis_snapshot_version")
public class SnapshotVersionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public int id;

    @Column(name = "version", nullable = false)
    public long version;

    @Column(name = "epoch", nullable = false, updatable = false)
    public String epoch;

    /** The last fact change's sequence number (see the V8 migration). */
    @Column(name = "fact_sequence", nullable = false)
    public long factSequence;
}
