package io.warmline.routing.messaging;

import java.time.Instant;

/** Data of {@code LeadQueued} v1 (schema {@code lead-queued.v1.json}): no eligible rep, the lead waits. */
public record LeadQueued(int score, String tier, Instant respondBy, Instant queuedAt) {

    public static final String TYPE = "LeadQueued";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-queued";
}
