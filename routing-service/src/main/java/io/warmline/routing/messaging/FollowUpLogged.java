package io.warmline.routing.messaging;

import java.time.Instant;

/**
 * Data of {@code FollowUpLogged} v1 (schema {@code follow-up-logged.v1.json}): a rep logged a call attempt.
 * notification-service stops the lead's reminders on it and schedules one at {@code nextStep.dueAt}.
 */
public record FollowUpLogged(String repId, int attempt, String outcome, String objection, Step nextStep,
                             Instant loggedAt, Instant receivedAt, Instant respondBy, boolean first) {

    public static final String TYPE = "FollowUpLogged";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.follow-up-logged";

    public record Step(String type, Instant dueAt) {
    }
}
