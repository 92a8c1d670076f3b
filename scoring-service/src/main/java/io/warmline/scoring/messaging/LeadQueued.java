package io.warmline.scoring.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What scoring reads of routing's {@code LeadQueued} v1 (its schema: routing-service
 * {@code src/main/resources/schemas/lead-queued.v1.json}): when the lead went (back) to the queue.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadQueued(Instant queuedAt) {

    public static final String TYPE = "LeadQueued";
}
