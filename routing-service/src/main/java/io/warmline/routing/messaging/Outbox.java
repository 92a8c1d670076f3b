package io.warmline.routing.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.routing.persistence.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.UUID;

/** Adds an event to the outbox inside the caller's transaction. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** A lead's event, keyed by the lead id. */
    public Uni<EventEnvelope> add(Mutiny.Session session, String topic, String eventType, int schemaVersion,
                                  UUID leadId, Instant occurredAt, Object data) {
        return add(session, topic, eventType, schemaVersion, leadId, null, occurredAt, data);
    }

    /** A roster event: no lead, keyed by the rep id so one rep's changes stay in order. */
    public Uni<EventEnvelope> addForRep(Mutiny.Session session, String topic, String eventType, int schemaVersion,
                                        String repId, Instant occurredAt, Object data) {
        return add(session, topic, eventType, schemaVersion, null, repId, occurredAt, data);
    }

    private Uni<EventEnvelope> add(Mutiny.Session session, String topic, String eventType, int schemaVersion,
                                   UUID leadId, String key, Instant occurredAt, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), eventType, schemaVersion, occurredAt, leadId,
                json.valueToTree(data));
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.eventId();
        row.eventType = eventType;
        row.schemaVersion = schemaVersion;
        row.topic = topic;
        row.leadId = leadId;
        row.recordKey = key;
        row.occurredAt = occurredAt;
        row.payload = write(envelope);
        return session.persist(row).replaceWith(envelope);
    }

    private String write(EventEnvelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + envelope.eventType() + " cannot be written as JSON", e);
        }
    }
}
