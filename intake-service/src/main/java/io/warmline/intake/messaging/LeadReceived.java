package io.warmline.intake.messaging;

import java.time.Instant;

/**
 * Data of the {@code LeadReceived} event, version 1. Its written schema is
 * {@code src/main/resources/schemas/lead-received.v1.json}; consumers test against that file.
 */
public record LeadReceived(String vendorId, String vendorLeadId, Instant receivedAt, Contact contact,
                           String interest, String notes, Signal signal) {

    public static final String TYPE = "LeadReceived";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-received";

    public record Contact(String name, String phone, String email, String company, String region) {
    }

    public record Signal(String type, Instant occurredAt) {
    }
}
