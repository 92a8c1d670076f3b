package io.warmline.scoring.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.Inbox;
import io.warmline.scoring.messaging.LeadAssigned;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;

/** Which scored leads still wait in a queue, as far as scoring can tell from routing's events. */
@ApplicationScoped
public class WaitingLeads {

    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final Clock clock;

    WaitingLeads(Mutiny.SessionFactory sessions, Inbox inbox, Clock clock) {
        this.sessions = sessions;
        this.inbox = inbox;
        this.clock = clock;
    }

    /** A rep has the lead: it stops waiting. A lead scoring does not know (scored before it kept leads) is ignored. */
    public Uni<Void> assigned(EventEnvelope event, LeadAssigned assigned) {
        Instant now = clock.instant();
        Instant at = assigned.assignedAt() != null ? assigned.assignedAt() : event.occurredAt();
        return sessions.withTransaction(session -> inbox.firstDelivery(session, event.eventId(), now)
                .chain(first -> !first ? Uni.createFrom().voidItem()
                        : session.createNativeQuery("UPDATE lead SET assigned_at = :at "
                                        + "WHERE lead_id = :id AND assigned_at IS NULL")
                                .setParameter("at", at != null ? at : now)
                                .setParameter("id", event.leadId())
                                .executeUpdate()
                                .replaceWithVoid()));
    }
}
