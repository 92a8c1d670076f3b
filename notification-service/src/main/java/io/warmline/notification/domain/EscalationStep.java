package io.warmline.notification.domain;

import java.time.Duration;

/** One step of a policy: at {@code offset} after the assignment, reach {@code target} with {@code message}. */
public record EscalationStep(Duration offset, EscalationTarget target, String message) {
}
