package io.warmline.intake.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What intake reads of routing's {@code LeadAssigned} v1 (its schema: routing-service
 * {@code src/main/resources/schemas/lead-assigned.v1.json}): only when a rep was given the lead. The rep and the
 * lead's details are left unread: a vendor is never shown them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadAssigned(Instant assignedAt) {

    public static final String TYPE = "LeadAssigned";
}
