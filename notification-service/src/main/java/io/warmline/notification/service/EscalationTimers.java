package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.EscalationTimer;
import io.warmline.notification.persistence.ScheduledTimer;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.UUID;

/** The durable timers of leads: scheduled and cancelled inside the caller's transaction. */
@ApplicationScoped
public class EscalationTimers {

    private final TimerPoller poller;

    EscalationTimers(TimerPoller poller) {
        this.poller = poller;
    }

    public Uni<Void> schedule(Mutiny.Session session, UUID leadId, int assignmentNumber, String repId,
                              List<EscalationTimer> timers) {
        List<ScheduledTimer> rows = timers.stream().map(timer -> {
            ScheduledTimer row = new ScheduledTimer();
            row.leadId = leadId;
            row.assignmentNumber = assignmentNumber;
            row.repId = repId;
            row.kind = timer.kind().name();
            row.step = timer.step();
            row.target = timer.target() == null ? null : timer.target().wireName();
            row.message = timer.message();
            row.dueAt = timer.dueAt();
            row.state = ScheduledTimer.PENDING;
            return row;
        }).toList();
        // Waking after the flush is early (not yet committed); the poller's own pace then picks it up.
        return session.persistAll(rows.toArray()).invoke(() -> timers.stream().map(EscalationTimer::dueAt)
                .min(java.util.Comparator.naturalOrder()).ifPresent(poller::wakeAt));
    }

    /** Cancels everything pending for the lead: a follow-up, a closed lead or a newer assignment. */
    public Uni<Integer> cancelPending(Mutiny.Session session, UUID leadId) {
        return session.createNativeQuery(
                        "UPDATE escalation_timer SET state = 'cancelled' WHERE lead_id = :lead AND state = 'pending'")
                .setParameter("lead", leadId)
                .executeUpdate();
    }

    /**
     * Gives the lead's pending timers (a follow-up's dated next step, logged before its assignment arrived) to the
     * assignment now current, so that they fire for it.
     */
    public Uni<Integer> handOver(Mutiny.Session session, UUID leadId, int assignmentNumber) {
        return session.createNativeQuery("UPDATE escalation_timer SET assignment_number = :number"
                        + " WHERE lead_id = :lead AND state = 'pending'")
                .setParameter("number", assignmentNumber)
                .setParameter("lead", leadId)
                .executeUpdate();
    }
}
