package io.warmline.routing.messaging;

import java.time.Instant;

/** Data of {@code LeadClosed} v1 (schema {@code lead-closed.v1.json}); {@code repId} is null for a lead nobody held. */
public record LeadClosed(String repId, String reason, Instant closedAt) {

    public static final String TYPE = "LeadClosed";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-closed";
}
