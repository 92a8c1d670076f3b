package io.warmline.routing.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * What routing reads of scoring's {@code LeadScored} v1 (schema: scoring-service
 * {@code src/main/resources/schemas/lead-scored.v1.json}). Fields added later are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadScored(int score, String tier, Instant respondBy, Instant scoredAt, JsonNode lead) {

    public static final String TYPE = "LeadScored";
}
