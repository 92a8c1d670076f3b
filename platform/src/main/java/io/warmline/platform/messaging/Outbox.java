package io.warmline.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.persistence.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events inside the caller's transaction: one call, and the event is published once that transaction
 * commits (the table's trigger notifies {@link OutboxRelay} at commit; nothing for the caller to do after it).
 */
@ApplicationScoped
public class Outbox {

    // Many rows travel as one JSON array: one statement whatever their number, rows kept in the list's order (the
    // relay publishes a key's events in id order). Text first: a string bound where jsonb is expected would arrive
    // as one JSON string.
    private static final String INSERT_ALL = """
            INSERT INTO outbox_event (event_id, event_type, schema_version, topic, lead_id, record_key, occurred_at,
                                      payload)
            SELECT event_id, event_type, schema_version, topic, lead_id, record_key, occurred_at, payload
              FROM ROWS FROM (jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb)) AS (event_id uuid,
                   event_type text, schema_version int, topic text, lead_id uuid, record_key text,
                   occurred_at timestamptz, payload text))
                   WITH ORDINALITY AS r(event_id, event_type, schema_version, topic, lead_id, record_key, occurred_at,
                   payload, n)
             ORDER BY n""";

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** A lead's event, keyed by the lead id. */
    public Uni<EventEnvelope> add(Mutiny.Session session, String topic, String eventType, int schemaVersion,
                                  UUID leadId, Instant occurredAt, Object data) {
        return add(session, OutgoingEvent.aboutLead(topic, eventType, schemaVersion, leadId, occurredAt, data));
    }

    public Uni<EventEnvelope> add(Mutiny.Session session, OutgoingEvent event) {
        EventEnvelope envelope = envelope(event);
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.eventId();
        row.eventType = event.eventType();
        row.schemaVersion = event.schemaVersion();
        row.topic = event.topic();
        row.leadId = event.leadId();
        row.recordKey = event.key();
        row.occurredAt = event.occurredAt();
        row.payload = write(envelope);
        return session.persist(row).replaceWith(envelope);
    }

    /** Several events in one statement, in the list's order. */
    public Uni<List<EventEnvelope>> addAll(Mutiny.Session session, List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        List<Map<String, Object>> rows = new ArrayList<>(events.size());
        for (OutgoingEvent event : events) {
            EventEnvelope envelope = envelope(event);
            envelopes.add(envelope);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event_id", envelope.eventId());
            row.put("event_type", event.eventType());
            row.put("schema_version", event.schemaVersion());
            row.put("topic", event.topic());
            row.put("lead_id", event.leadId());
            row.put("record_key", event.key());
            row.put("occurred_at", event.occurredAt().toString());
            row.put("payload", write(envelope));
            rows.add(row);
        }
        return session.createNativeQuery(INSERT_ALL).setParameter("rows", write(rows)).executeUpdate()
                .replaceWith(envelopes);
    }

    private EventEnvelope envelope(OutgoingEvent event) {
        return new EventEnvelope(UUID.randomUUID(), event.eventType(), event.schemaVersion(), event.occurredAt(),
                event.leadId(), json.valueToTree(event.data()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(value.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }
}
