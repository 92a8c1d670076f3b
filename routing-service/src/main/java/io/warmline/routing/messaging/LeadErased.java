package io.warmline.routing.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What routing reads of intake's {@code LeadErased} v1 (schema: intake-service
 * {@code src/main/resources/schemas/lead-erased.v1.json}): the lead's personal data is to be erased here too (the routed lead's copy of it, the reps' call notes).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadErased(String reason, Instant erasedAt) {

    public static final String TYPE = "LeadErased";
}
