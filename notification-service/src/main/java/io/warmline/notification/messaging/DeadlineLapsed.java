package io.warmline.notification.messaging;

import java.time.Instant;

/** {@code DeadlineLapsed} v1: the policy's last moment passed with no follow-up logged; routing reassigns. */
public record DeadlineLapsed(String repId, int assignmentNumber, Instant assignedAt, Instant respondBy,
                             Instant lapsedAt, String tier) {
    public static final String TYPE = "DeadlineLapsed";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.deadline-lapsed";
}
