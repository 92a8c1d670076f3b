package io.warmline.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What notification reads of intake's {@code LeadErased} v1 (schema: intake-service
 * {@code src/main/resources/schemas/lead-erased.v1.json}): the lead's personal data is to be erased here too (its alerts and deliveries).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadErased(String reason, Instant erasedAt) {

    public static final String TYPE = "LeadErased";
}
