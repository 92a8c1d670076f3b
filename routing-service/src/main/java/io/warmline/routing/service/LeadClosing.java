package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.Outbox;
import io.warmline.routing.domain.ClosureReason;
import io.warmline.routing.domain.WireName;
import io.warmline.routing.messaging.LeadClosed;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.Rep;
import io.warmline.routing.persistence.RoutedLead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Ends assignments (giving the rep their room back) and closes leads, announcing each closure. */
@ApplicationScoped
public class LeadClosing {

    private final Outbox outbox;
    private final Timeline timeline;
    private final RoutingMetrics metrics;
    private final Clock clock;

    LeadClosing(Outbox outbox, Timeline timeline, RoutingMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.timeline = timeline;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Moves an assignment to {@code status}; an open one gave up one of the rep's capacity, which comes back.
     * True when room was freed (the queue should then be offered again).
     */
    public Uni<Boolean> release(Mutiny.Session session, Assignment assignment, String status, Instant now) {
        boolean held = Assignment.OPEN.equals(assignment.status);
        assignment.status = status;
        if (!assignment.current()) {
            assignment.releasedAt = now;
        }
        if (!held) {
            return Uni.createFrom().item(false);
        }
        return session.find(Rep.class, assignment.repId).call(rep -> lockedAndCurrent(session, rep)).map(rep -> {
            rep.openLeads = Math.max(0, rep.openLeads - 1);
            // Read with the rep locked (not the transaction's start): a dispatcher that takes this slot locks the
            // rep after our commit, so its assignedAt comes later and the history orders the two as they happened.
            assignment.slotFreedAt = clock.instant();
            return true;
        });
    }

    /**
     * Locks the rep and makes sure its count is the one under the lock. A rep this transaction read before without
     * the lock (a follow-up reads the rep's time zone) is read again: Hibernate would only take the lock and keep
     * the old count, and two releases (or a release and an assignment) on one rep would then lose an update.
     */
    private static Uni<Void> lockedAndCurrent(Mutiny.Session session, Rep rep) {
        if (session.getLockMode(rep) == LockMode.PESSIMISTIC_WRITE) {
            return Uni.createFrom().voidItem();
        }
        return session.flush().chain(() -> session.refresh(rep, LockMode.PESSIMISTIC_WRITE));
    }

    /** Closes the lead for good; {@code holder} is its current assignment, if any (it ends as closed). */
    public Uni<Boolean> close(Mutiny.Session session, RoutedLead lead, Assignment holder, String repId,
                              ClosureReason reason, Instant now) {
        String why = WireName.of(reason);
        lead.status = RoutedLead.CLOSED;
        lead.closedReason = why;
        lead.closedAt = now;
        metrics.closed(why);
        Uni<Boolean> released = holder == null ? Uni.createFrom().item(false)
                : release(session, holder, Assignment.CLOSED, now);
        return released.call(() -> outbox.add(session, LeadClosed.TOPIC, LeadClosed.TYPE, LeadClosed.VERSION,
                        lead.leadId, now, new LeadClosed(repId, why, now)))
                .call(() -> timeline.record(session, lead.leadId, "closed", now, repId, Map.of("reason", why)));
    }
}
