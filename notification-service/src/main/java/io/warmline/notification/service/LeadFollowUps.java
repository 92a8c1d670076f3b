package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.EscalationTimer;
import io.warmline.notification.domain.LeadEscalation;
import io.warmline.notification.messaging.FollowUpLogged;
import io.warmline.notification.messaging.LeadClosed;
import io.warmline.notification.persistence.CurrentAssignment;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.List;

/** What the rep did about a lead: a logged follow-up stops the chasing, a closed lead stops everything. */
@ApplicationScoped
public class LeadFollowUps {

    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final EscalationTimers timers;
    private final Clock clock;

    LeadFollowUps(Mutiny.SessionFactory sessions, Inbox inbox, EscalationTimers timers, Clock clock) {
        this.sessions = sessions;
        this.inbox = inbox;
        this.timers = timers;
        this.clock = clock;
    }

    /** Cancels the lead's pending steps; a dated next step becomes a reminder to the rep at that time. */
    public Uni<Void> logged(EventEnvelope envelope, FollowUpLogged followUp) {
        return once(envelope, session -> timers.cancelPending(session, envelope.leadId()).chain(() -> {
            if (followUp.nextStepDueAt() == null || followUp.repId() == null) {
                return Uni.createFrom().voidItem();
            }
            EscalationTimer callback = LeadEscalation.callback(followUp.nextStepType(), followUp.nextStepDueAt());
            return session.find(CurrentAssignment.class, envelope.leadId()).chain(current -> timers.schedule(
                    session, envelope.leadId(), current == null ? 0 : current.assignmentNumber, followUp.repId(),
                    List.of(callback)));
        }));
    }

    public Uni<Void> closed(EventEnvelope envelope, LeadClosed closed) {
        return once(envelope, session -> timers.cancelPending(session, envelope.leadId()).replaceWithVoid());
    }

    private Uni<Void> once(EventEnvelope envelope, java.util.function.Function<Mutiny.Session, Uni<Void>> change) {
        return sessions.withTransaction(session -> inbox.firstDelivery(session, envelope.eventId(), clock.instant())
                .chain(first -> first ? change.apply(session) : Uni.createFrom().voidItem()));
    }
}
