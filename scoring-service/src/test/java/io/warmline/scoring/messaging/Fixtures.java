package io.warmline.scoring.messaging;

import java.time.Instant;
import java.util.UUID;

/** Events other services publish, as they publish them (each class's test checks them against the schema). */
public final class Fixtures {

    private Fixtures() {
    }

    /** Intake's LeadReceived for a lead with one signal; {@code extra} is appended to the data object. */
    public static String leadReceived(UUID eventId, UUID leadId, String signalType, Instant signalAt, String notes,
                                      String extra) {
        Instant now = Instant.now();
        return """
                {"eventId":"%s","eventType":"LeadReceived","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"vendorId":"acme","vendorLeadId":"L-%s","receivedAt":"%s",
                         "contact":{"name":"Sam Taylor","phone":"+447911123456","email":"sam@example.com"},
                         "interest":"solar panels","notes":%s,
                         "signal":{"type":"%s","occurredAt":"%s"}%s}}"""
                .formatted(eventId, now, leadId, leadId, now, notes == null ? "null" : "\"" + notes + "\"",
                        signalType, signalAt, extra == null ? "" : "," + extra);
    }

    /** Intake's LeadReceived v2: the contact, interest and notes only in {@code personal}, sealed. */
    public static String leadReceivedV2(UUID eventId, UUID leadId, String signalType, Instant signalAt,
                                        String personal) {
        Instant now = Instant.now();
        return """
                {"eventId":"%s","eventType":"LeadReceived","schemaVersion":2,"occurredAt":"%s","leadId":"%s",
                 "data":{"vendorId":"acme","vendorLeadId":"L-%s","receivedAt":"%s",
                         "contact":{"company":null,"region":"London"},"personal":%s,
                         "signal":{"type":"%s","occurredAt":"%s"}}}"""
                .formatted(eventId, now, leadId, leadId, now, personal, signalType, signalAt);
    }

    /** Intake's LeadErased v1. */
    public static String leadErased(UUID eventId, UUID leadId) {
        Instant now = Instant.now();
        return """
                {"eventId":"%s","eventType":"LeadErased","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"reason":"request","erasedAt":"%s"}}""".formatted(eventId, now, leadId, now);
    }

    public static String leadReceived(UUID leadId, String signalType, Instant signalAt) {
        return leadReceived(UUID.randomUUID(), leadId, signalType, signalAt, null, null);
    }

    /** Routing's LeadAssigned for a lead given to a rep. */
    public static String leadAssigned(UUID eventId, UUID leadId) {
        return leadAssigned(eventId, leadId, Instant.now());
    }

    /** Routing's LeadAssigned for a lead given to a rep at {@code now}. */
    public static String leadAssigned(UUID eventId, UUID leadId, Instant now) {
        return """
                {"eventId":"%s","eventType":"LeadAssigned","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"rep-%s","assignedAt":"%s","respondBy":"%s","tier":"hot","score":84,
                         "reason":"longest idle","lead":{"contact":{"name":"Sam Taylor"},
                         "signal":{"type":"demo_request","occurredAt":"%s"}}}}"""
                .formatted(eventId, now, leadId, eventId.toString().substring(0, 8), now, now.plusSeconds(3000),
                        now.minusSeconds(600));
    }

    /** Routing's LeadQueued for a lead put (back) in the queue at {@code queuedAt}. */
    public static String leadQueued(UUID eventId, UUID leadId, Instant queuedAt) {
        return """
                {"eventId":"%s","eventType":"LeadQueued","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"score":84,"tier":"hot","respondBy":"%s","queuedAt":"%s"}}"""
                .formatted(eventId, queuedAt, leadId, queuedAt.plusSeconds(1800), queuedAt);
    }
}
