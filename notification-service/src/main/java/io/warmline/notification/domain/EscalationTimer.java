package io.warmline.notification.domain;

import java.time.Instant;

/**
 * One thing due at one moment for one assignment of a lead. {@code step} is the 1-based position of the policy step
 * (a repeat keeps the number of the step it repeats; 0 for a callback or the deadline), {@code target} is null for
 * the deadline (which always reaches the operators).
 */
public record EscalationTimer(TimerKind kind, int step, EscalationTarget target, String message, Instant dueAt) {

    /** Never early: a timer is due only once the clock has reached its moment. */
    public boolean isDueAt(Instant now) {
        return !now.isBefore(dueAt);
    }
}
