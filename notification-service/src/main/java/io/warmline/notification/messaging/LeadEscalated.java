package io.warmline.notification.messaging;

import java.time.Instant;

/** {@code LeadEscalated} v1: someone beyond the rep was told (target team_lead, operator or channel). */
public record LeadEscalated(int step, String target, String reason, Instant escalatedAt) {
    public static final String TYPE = "LeadEscalated";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-escalated";
}
