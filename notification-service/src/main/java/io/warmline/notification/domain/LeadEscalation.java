package io.warmline.notification.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The escalation of one lead, as rules: which assignment is current, which timers are pending, what fires when.
 * {@code service/EscalationTimers} keeps the same state durably in PostgreSQL and applies these same rules; this
 * class is what states them, so they are testable with a clock in milliseconds.
 */
public final class LeadEscalation {

    private final Clock clock;
    private LeadProgress progress = LeadProgress.UNKNOWN;
    private String repId;
    private final List<EscalationTimer> pending = new ArrayList<>();

    public LeadEscalation(Clock clock) {
        this.clock = clock;
    }

    /**
     * The lead was assigned. A newer assignment (a reassignment) cancels the older one's pending timers and starts
     * the policy afresh for the new rep, unless a follow-up logged after it arrived first; an older or repeated one,
     * or one of a closed lead, changes nothing and alerts nobody.
     */
    public LeadProgress.Assignment assigned(int number, String rep, Instant assignedAt, EscalationPolicy policy) {
        LeadProgress.Assignment outcome = progress.onAssigned(number, assignedAt);
        if (outcome == LeadProgress.Assignment.IGNORE) {
            return outcome;
        }
        progress = progress.assigned(number, assignedAt);
        repId = rep;
        if (outcome == LeadProgress.Assignment.ALERT_AND_CHASE) {
            pending.clear();
            pending.addAll(policy.timersFrom(assignedAt));
        }
        return outcome;
    }

    /** Whether an assignment numbered {@code incoming} replaces the current one numbered {@code current}. */
    public static boolean supersedes(int incoming, int current) {
        return incoming > current;
    }

    /**
     * The rep logged a follow-up: the lead's pending steps and deadline are cancelled. A scheduled next step becomes
     * a reminder to the rep at that time. A follow-up older than the current assignment, or of a closed lead, changes
     * nothing.
     */
    public void followUpLogged(Instant loggedAt, Instant nextStepDueAt, String nextStepType) {
        boolean counts = progress.followUpCounts(loggedAt);
        progress = progress.followedUp(loggedAt);
        if (!counts) {
            return;
        }
        pending.clear();
        if (nextStepDueAt != null) {
            pending.add(callback(nextStepType, nextStepDueAt));
        }
    }

    /** The reminder a scheduled next step becomes; a final email is a task for the rep by email. */
    public static EscalationTimer callback(String nextStepType, Instant dueAt) {
        String type = nextStepType == null ? "follow_up" : nextStepType;
        String message = "final_email".equals(type) ? "Time to send the final email to this lead"
                : "Scheduled " + type.replace('_', ' ') + " is due now";
        return new EscalationTimer(TimerKind.CALLBACK, 0, EscalationTarget.REP, message, dueAt);
    }

    /** The lead was closed: nothing more is sent for it. */
    public void closed() {
        progress = progress.closedForGood();
        pending.clear();
    }

    /** Removes and returns the timers due by the clock's now, earliest first; none before its moment. */
    public List<EscalationTimer> fireDue() {
        Instant now = clock.instant();
        List<EscalationTimer> due = pending.stream().filter(timer -> timer.isDueAt(now))
                .sorted(Comparator.comparing(EscalationTimer::dueAt)).toList();
        pending.removeAll(due);
        return due;
    }

    public List<EscalationTimer> pending() {
        return List.copyOf(pending);
    }

    public int assignmentNumber() {
        return progress.assignmentNumber();
    }

    public String repId() {
        return repId;
    }
}
