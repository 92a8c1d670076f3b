package io.warmline.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** What notification reads of routing's {@code LeadClosed} v1: nothing more is sent for the lead. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadClosed(String repId, String reason, Instant closedAt) {
    public static final String TYPE = "LeadClosed";
}
