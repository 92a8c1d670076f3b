package io.warmline.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * An event to announce: where it goes, what it is, what it is about and its data. {@link Outbox} turns it into an
 * {@link EventEnvelope} and an outbox row.
 */
public record OutgoingEvent(String topic, String eventType, int schemaVersion, UUID leadId, String key,
                            Instant occurredAt, Object data) {

    /** A lead's event, keyed by the lead id. */
    public static OutgoingEvent aboutLead(String topic, String eventType, int schemaVersion, UUID leadId,
                                          Instant occurredAt, Object data) {
        return new OutgoingEvent(topic, eventType, schemaVersion, leadId, leadId.toString(), occurredAt, data);
    }

    /** An event about something else (a rep), keyed by its id so that thing's events stay in order. */
    public static OutgoingEvent keyed(String topic, String eventType, int schemaVersion, String key,
                                      Instant occurredAt, Object data) {
        return new OutgoingEvent(topic, eventType, schemaVersion, null, key, occurredAt, data);
    }
}
