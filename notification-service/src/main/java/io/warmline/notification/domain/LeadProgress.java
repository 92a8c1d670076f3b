package io.warmline.notification.domain;

import java.time.Instant;

/**
 * What notification knows of a lead's progress, whatever order routing's three topics delivered it in: the newest
 * assignment seen, the newest follow-up and whether the lead is closed. It decides what each incoming event may
 * still cause, so that a lead followed up or closed never reminds, escalates or lapses, and an older assignment
 * never alerts. {@code assignedAt} and {@code followedUpAt} are both routing's times, so they compare.
 *
 * @param assignmentNumber the newest assignment seen, 0 before any
 * @param assignedAt       when that assignment was made, null before any
 * @param followedUpAt     when the newest follow-up was logged, null before any
 * @param closed           the lead was closed for good
 */
public record LeadProgress(int assignmentNumber, Instant assignedAt, Instant followedUpAt, boolean closed) {

    public static final LeadProgress UNKNOWN = new LeadProgress(0, null, null, false);

    /** What an incoming assignment causes. */
    public enum Assignment {
        /** Alert the rep and start the policy: the lead is open and nobody has followed this assignment up. */
        ALERT_AND_CHASE,
        /** Alert the rep, chase nothing: a follow-up logged after this assignment was made has arrived first. */
        ALERT_ONLY,
        /** Nothing: an older or repeated assignment, or a closed lead. */
        IGNORE
    }

    public Assignment onAssigned(int number, Instant at) {
        if (closed || !LeadEscalation.supersedes(number, assignmentNumber)) {
            return Assignment.IGNORE;
        }
        return followedUpAt != null && !followedUpAt.isBefore(at) ? Assignment.ALERT_ONLY : Assignment.ALERT_AND_CHASE;
    }

    /** The progress after an assignment that was not ignored. */
    public LeadProgress assigned(int number, Instant at) {
        return new LeadProgress(number, at, followedUpAt, closed);
    }

    /**
     * Whether a follow-up logged at {@code loggedAt} stops the chasing: not when the lead is closed (nothing is
     * pending), nor when a newer assignment, made after it, is current (it was about the previous rep's turn).
     */
    public boolean followUpCounts(Instant loggedAt) {
        return !closed && (assignedAt == null || !loggedAt.isBefore(assignedAt));
    }

    public LeadProgress followedUp(Instant loggedAt) {
        Instant newest = followedUpAt == null || loggedAt.isAfter(followedUpAt) ? loggedAt : followedUpAt;
        return new LeadProgress(assignmentNumber, assignedAt, newest, closed);
    }

    public LeadProgress closedForGood() {
        return new LeadProgress(assignmentNumber, assignedAt, followedUpAt, true);
    }
}
