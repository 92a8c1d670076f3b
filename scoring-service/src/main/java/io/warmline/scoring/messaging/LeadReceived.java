package io.warmline.scoring.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What scoring reads of intake's {@code LeadReceived} v1 (its schema: intake-service
 * {@code src/main/resources/schemas/lead-received.v1.json}). Fields added later are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadReceived(String vendorId, Instant receivedAt, String notes, Signal signal) {

    public static final String TYPE = "LeadReceived";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Signal(String type, Instant occurredAt) {
    }
}
