package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as stored, to replay it to a rep who reconnects. The caller takes the id from {@link #NEXT_ID_AND_POSITION}
 * before it builds the alert, because the alert JSON in {@code payload} carries the id too.
 */
@Entity
@Table(name = "alert")
public class StoredAlert {

    /**
     * The next alert id, from the sequence behind the table's BIGSERIAL id, and the rep's next stream position, whose
     * row stays locked until the caller commits (see V4_17): one rep's positions commit in order.
     */
    public static final String NEXT_ID_AND_POSITION = """
            WITH next_position AS (INSERT INTO rep_stream (rep_id, last_position) VALUES (:rep, 1)
                              ON CONFLICT (rep_id) DO UPDATE SET last_position = rep_stream.last_position + 1
                              RETURNING last_position)
            SELECT nextval('alert_id_seq'), last_position FROM next_position""";

    @Id
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    /** The alert's place in its rep's stream: the server-sent event id and the Last-Event-ID it resumes after. */
    @Column(name = "stream_position", nullable = false)
    public long streamPosition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The alert JSON, exactly as it was pushed. */
    @Column(nullable = false)
    public String payload;
}
