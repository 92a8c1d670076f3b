package io.warmline.routing.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Data of the {@code LeadAssigned} event, version 1 (schema: {@code src/main/resources/schemas/lead-assigned.v1.json}).
 * It carries the lead's details so notification-service can alert the rep without asking anyone;
 * {@code assignmentNumber} is 1 for the first rep and counts up with each reassignment.
 */
public record LeadAssigned(String repId, Instant assignedAt, Instant respondBy, String tier, int score, String reason,
                           JsonNode lead, int assignmentNumber, String previousRepId, String teamId, String strategy,
                           List<String> candidates) {

    public static final String TYPE = "LeadAssigned";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-assigned";
}
