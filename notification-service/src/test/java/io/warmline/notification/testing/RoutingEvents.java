package io.warmline.notification.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Routing's events as routing sends them (envelope v1 around the data), for the flow tests. */
public final class RoutingEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingEvents() {
    }

    /** A fresh envelope: new event id, now, and the lead id (null for a rep's event). */
    public static ObjectNode envelope(String type, UUID leadId, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("eventType", type)
                .put("schemaVersion", 1).put("occurredAt", Instant.now().toString());
        if (leadId == null) {
            event.putNull("leadId");
        } else {
            event.put("leadId", leadId.toString());
        }
        event.set("data", data);
        return event;
    }

    /** Sends the event keyed as routing keys it; returns its id. */
    public static UUID send(KafkaCompanion kafka, String topic, String key, ObjectNode event, Duration patience) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, event.toString())).awaitCompletion(patience);
        return UUID.fromString(event.get("eventId").asText());
    }
}
