package io.warmline.notification.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.persistence.OutboxEvent;
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

    public Uni<EventEnvelope> add(Mutiny.Session session, String topic, String eventType, int schemaVersion,
                                  UUID leadId, Instant occurredAt, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), eventType, schemaVersion, occurredAt, leadId,
                json.valueToTree(data));
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.eventId();
        row.eventType = eventType;
        row.schemaVersion = schemaVersion;
        row.topic = topic;
        row.leadId = leadId;
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
