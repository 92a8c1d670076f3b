package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as stored, to replay it to a rep who reconnects. The id comes from the table's sequence at persist time
 * (not at insert) because the alert JSON in {@code payload} carries it too.
 */
@Entity
@Table(name = "alert")
public class StoredAlert {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_id")
    @SequenceGenerator(name = "alert_id", sequenceName = "alert_id_seq", allocationSize = 1)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The alert JSON, exactly as it was pushed. */
    @Column(nullable = false)
    public String payload;
}
