package io.warmline.platform.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting to be published; written in the same transaction as the change it announces. Each service's
 * schema has its own {@code outbox_event} table (the platform's migration in {@code db/platform} keeps its shape).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "schema_version", nullable = false)
    public int schemaVersion;

    @Column(nullable = false)
    public String topic;

    /** Null for events about something other than a lead (a rep). */
    @Column(name = "lead_id")
    public UUID leadId;

    /** The Kafka record key: the lead id, or the id of what the event is about. Order is kept per topic and key. */
    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String payload;
}
