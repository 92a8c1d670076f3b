package io.warmline.faults;

/** A reminder/escalation step of one assignment that fired, or was delivered, more than once. */
public record TimerStepFiredTwice(String leadId, int assignmentNumber, String kind, int step, int times) {
}
