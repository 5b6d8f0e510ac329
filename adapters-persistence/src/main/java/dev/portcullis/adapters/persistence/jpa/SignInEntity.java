package dev.portcullis.adapters.persistence.jpa;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A row of the sign-in log. */
@Entity
@Table(name = "portcullis_sign_in")
@AttributeOverride(name = "at", column = @Column(name = "created_at", nullable = false))
public class SignInEntity extends LogRow {

    @Column(name = "user_id", nullable = false, length = 200)
    public String userId;

    @Column(name = "app_id", nullable = false, length = 200)
    public String appId;

    /** Graph's correlationId: the records of one login share it. */
    @Column(name = "correlation_id", length = 200)
    public String correlationId;

    @Column(name = "decision", nullable = false, length = 32)
    public String decision;

    /** Ids of the policies that applied, each wrapped in bars ({@code |p1||p2|}) for a LIKE filter. */
    @Column(name = "policy_ids", nullable = false, columnDefinition = "TEXT")
    public String policyIds;

    /** The policies it was evaluated against ({@link PolicySet}): what its not-applied outcomes are counted by. */
    @Column(name = "policy_set_id", nullable = false, length = 64)
    public String policySetId;

    /** The day it counts on, UTC, stored so that every database groups by the same day. */
    @Column(name = "utc_day", nullable = false)
    public LocalDate utcDay;

    @Column(name = "json", nullable = false, columnDefinition = "TEXT")
    public String json;
}
