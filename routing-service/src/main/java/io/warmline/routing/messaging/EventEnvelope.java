package io.warmline.routing.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * The body every Warmline event shares: id, type, schema version, when it happened, the lead, then the
 * type's own data. The same five fields travel as Kafka headers, and the lead id is the record key.
 */
public record EventEnvelope(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID leadId,
                            JsonNode data) {
}
