package dev.portcullis.adapters.persistence.jpa;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row holding the snapshot version and the database's epoch (see the V4 migration). */
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
}
