package io.warmline.routing.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Data of the {@code LeadAssigned} event, version 2 (schema: {@code src/main/resources/schemas/lead-assigned.v2.json};
 * v1 required the contact's name in clear). It carries the lead's details so notification-service can alert the rep
 * without asking anyone, the personal ones sealed under the lead's data key as intake sent them;
 * {@code assignmentNumber} is 1 for the first rep and counts up with each reassignment.
 */
public record LeadAssigned(String repId, Instant assignedAt, Instant respondBy, String tier, int score, String reason,
                           JsonNode lead, int assignmentNumber, String previousRepId, String teamId, String strategy,
                           List<String> candidates) {

    public static final String TYPE = "LeadAssigned";
    public static final int VERSION = 2;
    public static final String TOPIC = "warmline.lead-assigned";
}
