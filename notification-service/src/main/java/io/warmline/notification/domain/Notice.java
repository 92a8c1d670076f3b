package io.warmline.notification.domain;

import java.util.UUID;

/**
 * What one delivery says, whatever the channel: the kind (alert, reminder, escalation, deadline), the step and
 * target it comes from, the message, and the lead's alert (who, phone, what they spoke about, time left) so every
 * channel can show what the call needs. {@code alert} may be null when the lead's alert is unknown here.
 */
public record Notice(String kind, UUID leadId, String repId, int step, String target, String message, Alert alert) {

    public static final String ALERT = "alert";
    public static final String REMINDER = "reminder";
    public static final String ESCALATION = "escalation";
    public static final String DEADLINE = "deadline";

    /** One line for a subject, a push title or a chat message; no phone or email in it. */
    public String headline() {
        String who = alert == null || alert.name() == null ? "a lead" : alert.name();
        return switch (kind) {
            case REMINDER -> "Reminder: call " + who;
            case ESCALATION -> "Escalation: " + who + " not called yet";
            case DEADLINE -> "Deadline lapsed: " + who;
            default -> "New lead: " + who;
        };
    }

    /** The text body: the message, then what the call needs. */
    public String text() {
        StringBuilder text = new StringBuilder(message == null ? "" : message);
        if (alert != null) {
            line(text, "Lead", alert.name());
            line(text, "Phone", alert.phone());
            line(text, "Interest", alert.interest());
            line(text, "Tier", alert.tier());
            line(text, "Respond by", alert.respondBy() == null ? null : alert.respondBy().toString());
            line(text, "Opening line", alert.openingLine());
        }
        line(text, "Rep", repId);
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append('\n').append(label).append(": ").append(value);
        }
    }
}
