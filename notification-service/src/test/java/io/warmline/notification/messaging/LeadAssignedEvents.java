package io.warmline.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** LeadAssigned events as routing would send them, from the sample in src/test/resources/events. */
public final class LeadAssignedEvents {

    public static final String TOPIC = "warmline.lead-assigned";
    public static final String DEAD_LETTER_TOPIC = "warmline.dlq.notification-service.lead-assigned";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LeadAssignedEvents() {
    }

    /** The sample event with fresh ids, for this rep and lead, assigned now. */
    public static ObjectNode event(String repId, UUID leadId) {
        try (InputStream in = LeadAssignedEvents.class.getResourceAsStream("/events/lead-assigned.json")) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            event.put("eventId", UUID.randomUUID().toString());
            event.put("leadId", leadId.toString());
            ((ObjectNode) event.get("data")).put("repId", repId);
            // Assigned now: the sample's fixed date would make every step of the lead's policy already due.
            ((ObjectNode) event.get("data")).put("assignedAt", java.time.Instant.now().toString());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    public static ObjectNode lead(ObjectNode event) {
        return (ObjectNode) event.get("data").get("lead");
    }
}
