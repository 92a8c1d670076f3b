package io.warmline.intake.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What intake reads of routing's {@code LeadClosed} v1 (its schema: routing-service
 * {@code src/main/resources/schemas/lead-closed.v1.json}): when the lead was closed and why. The rep is left
 * unread: a vendor is never shown it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadClosed(String reason, Instant closedAt) {

    public static final String TYPE = "LeadClosed";
}
