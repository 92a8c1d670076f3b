package io.warmline.scoring.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.scoring.messaging.LeadAssigned;
import io.warmline.scoring.messaging.LeadQueued;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;

/**
 * Which scored leads still wait in a queue, as far as scoring can tell from routing's events: a lead waits when it
 * was never assigned, or was queued again after its last assignment. {@code LeadAssigned} and {@code LeadQueued}
 * travel on two topics, so either may arrive first: each only moves its own time forward, and the comparison of
 * the two decides, whatever the order.
 */
@ApplicationScoped
public class WaitingLeads {

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    WaitingLeads(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A rep has the lead: it stops waiting. A lead scoring does not know (scored before it kept leads) is ignored. */
    public Uni<Void> assigned(EventEnvelope event, LeadAssigned assigned) {
        return record(event, "assigned_at", assigned.assignedAt());
    }

    /** The lead is in the queue (again): after an assignment, it waits and decays once more. */
    public Uni<Void> queued(EventEnvelope event, LeadQueued queued) {
        return record(event, "requeued_at", queued.queuedAt());
    }

    private Uni<Void> record(EventEnvelope event, String column, Instant when) {
        Instant now = clock.instant();
        Instant at = when != null ? when : event.occurredAt() != null ? event.occurredAt() : now;
        return sessions.withTransaction(session -> session.createNativeQuery("UPDATE lead SET " + column
                        + " = :at WHERE lead_id = :id AND (" + column + " IS NULL OR " + column + " < :at)")
                .setParameter("at", at)
                .setParameter("id", event.leadId())
                .executeUpdate()
                .replaceWithVoid());
    }
}
