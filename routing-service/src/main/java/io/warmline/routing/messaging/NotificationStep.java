package io.warmline.routing.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What the timeline reads of notification-service's {@code RepAlerted}, {@code ReminderSent} and
 * {@code LeadEscalated}: who, which step, to whom, how, and when (each type names its time differently).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationStep(String repId, String step, String target, String channel, String reason,
                               Instant alertedAt, Instant sentAt, Instant escalatedAt) {

    public static final String REP_ALERTED = "RepAlerted";
    public static final String REMINDER_SENT = "ReminderSent";
    public static final String LEAD_ESCALATED = "LeadEscalated";

    public Instant at() {
        return alertedAt != null ? alertedAt : sentAt != null ? sentAt : escalatedAt;
    }
}
