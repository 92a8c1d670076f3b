package io.warmline.scoring.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmline.scoring.domain.Factor;

import java.time.Instant;
import java.util.List;

/**
 * Data of the {@code LeadScored} event, version 1 (schema: {@code src/main/resources/schemas/lead-scored.v1.json}).
 * {@code lead} carries the received lead unchanged, so routing and notification need not ask intake for it;
 * {@code trigger} says whether this is the lead's first score or an update of it.
 */
public record LeadScored(int score, String tier, List<Factor> factors, int modelVersion, Instant respondBy,
                         Instant scoredAt, String trigger, JsonNode lead) {

    public static final String TYPE = "LeadScored";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-scored";
}
