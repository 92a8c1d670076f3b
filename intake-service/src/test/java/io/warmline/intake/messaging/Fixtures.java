package io.warmline.intake.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Routing's events as routing publishes them, rep, reasons and all (the consumer test checks them against
 * routing's schemas): intake must show its vendors only what they may see of them.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** Routing's LeadAssigned v1.1: the lead given to {@code repId}. */
    public static String leadAssigned(UUID eventId, UUID leadId, String repId, Instant assignedAt) {
        return """
                {"eventId":"%s","eventType":"LeadAssigned","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"%s","assignedAt":"%s","respondBy":"%s","tier":"hot","score":84,
                         "reason":"longest idle of 3 eligible reps","assignmentNumber":1,"previousRepId":null,
                         "teamId":"default","strategy":"longest_idle","candidates":["%s"],
                         "lead":{"contact":{"name":"Sam Taylor","phone":"+447911123456"},
                                 "signal":{"type":"callback_agreed","occurredAt":"%s"}}}}"""
                .formatted(eventId, assignedAt, leadId, repId, assignedAt, assignedAt.plusSeconds(3600), repId,
                        assignedAt.minusSeconds(600));
    }

    /** Routing's FollowUpLogged v1: call attempt {@code attempt} with its {@code outcome}. */
    public static String followUpLogged(UUID eventId, UUID leadId, int attempt, String outcome, Instant loggedAt) {
        return """
                {"eventId":"%s","eventType":"FollowUpLogged","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"rep-alex","attempt":%d,"outcome":"%s","objection":null,
                         "nextStep":{"type":"follow_up_call","dueAt":"%s"},"loggedAt":"%s",
                         "receivedAt":"%s","respondBy":"%s","first":%s}}"""
                .formatted(eventId, loggedAt, leadId, attempt, outcome, loggedAt.plusSeconds(86_400), loggedAt,
                        loggedAt.minusSeconds(900), loggedAt.plusSeconds(2700), attempt == 1);
    }

    /** Routing's LeadClosed v1: closed for {@code reason}. */
    public static String leadClosed(UUID eventId, UUID leadId, String reason, Instant closedAt) {
        return """
                {"eventId":"%s","eventType":"LeadClosed","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"rep-alex","reason":"%s","closedAt":"%s"}}"""
                .formatted(eventId, closedAt, leadId, reason, closedAt);
    }
}
