package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as stored, to replay it to a rep who reconnects. The caller takes the id from {@link #NEXT_ID} before it
 * builds the alert, because the alert JSON in {@code payload} carries the id too.
 */
@Entity
@Table(name = "alert")
public class StoredAlert {

    /** The next alert id, from the sequence behind the table's BIGSERIAL id. */
    public static final String NEXT_ID = "SELECT nextval('alert_id_seq')";

    @Id
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
