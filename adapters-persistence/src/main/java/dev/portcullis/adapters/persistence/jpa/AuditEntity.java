package dev.portcullis.adapters.persistence.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A row of the audit log. */
@Entity
@Table(name = "portcullis_audit")
public class AuditEntity extends LogRow {

    @Column(name = "actor", nullable = false, length = 300)
    public String actor;

    @Column(name = "activity", nullable = false, length = 1000)
    public String activity;

    @Column(name = "kind", nullable = false, length = 32)
    public String kind;

    @Column(name = "document_id", nullable = false, length = 200)
    public String documentId;

    @Column(name = "before_json", columnDefinition = "TEXT")
    public String beforeJson;

    @Column(name = "after_json", columnDefinition = "TEXT")
    public String afterJson;

    @Column(name = "correlation_id", length = 64)
    public String correlationId;
}
