package io.warmline.scoring.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What scoring reads of routing's {@code LeadAssigned} v1 (its schema: routing-service
 * {@code src/main/resources/schemas/lead-assigned.v1.json}): only that the lead no longer waits in a queue.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadAssigned(String repId, Instant assignedAt) {

    public static final String TYPE = "LeadAssigned";
}
