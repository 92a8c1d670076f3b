package io.warmline.intake.messaging;

import java.time.Instant;

/**
 * Data of the {@code LeadErased} event, version 1 (schema {@code src/main/resources/schemas/lead-erased.v1.json}):
 * intake erased the lead's personal data and destroyed its data key; every service erases its own copies. It holds
 * no personal data: the lead id (envelope), why and when.
 *
 * @param reason {@code request} (an operator's erasure request) or {@code retention} (the retention period ended)
 */
public record LeadErased(String reason, Instant erasedAt) {

    public static final String TYPE = "LeadErased";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-erased";
    public static final String REQUEST = "request";
    public static final String RETENTION = "retention";
}
