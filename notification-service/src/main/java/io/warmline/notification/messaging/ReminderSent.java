package io.warmline.notification.messaging;

import java.time.Instant;

/** {@code ReminderSent} v1: a policy step (or a scheduled callback, step 0) reminded the rep. */
public record ReminderSent(String repId, int step, String target, String channel, Instant sentAt) {
    public static final String TYPE = "ReminderSent";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.reminder-sent";
}
