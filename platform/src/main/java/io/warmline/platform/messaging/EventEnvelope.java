package io.warmline.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * The body every Warmline event shares: id, type, schema version, when it happened, the lead, then the
 * type's own data. The same fields travel as Kafka headers; the record key is the lead id (or, for an event about
 * something else such as a rep, that thing's id).
 */
public record EventEnvelope(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID leadId,
                            JsonNode data) {
}
