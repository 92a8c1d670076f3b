package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.LeadEscalation;
import io.warmline.notification.messaging.FollowUpLogged;
import io.warmline.notification.messaging.LeadClosed;
import io.warmline.notification.domain.LeadProgress;
import io.warmline.platform.messaging.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;

/** What the rep did about a lead: a logged follow-up stops the chasing, a closed lead stops everything. */
@ApplicationScoped
public class LeadFollowUps {

    private final Mutiny.SessionFactory sessions;
    private final EscalationTimers timers;
    private final LeadProgressBook progress;
    private final Roster roster;

    LeadFollowUps(Mutiny.SessionFactory sessions, EscalationTimers timers, LeadProgressBook progress,
                  Roster roster) {
        this.roster = roster;
        this.progress = progress;
        this.sessions = sessions;
        this.timers = timers;
    }

    /**
     * Cancels the lead's pending steps; a dated next step becomes a reminder to the rep at that time, or at the
     * start of the rep's next shift when that time is outside the rep's working hours (in the rep's time zone). A
     * follow-up of an earlier assignment than the current one, or of a closed lead, changes nothing but the lead's
     * progress.
     */
    public Uni<Void> logged(EventEnvelope envelope, FollowUpLogged followUp) {
        Instant loggedAt = followUp.loggedAt() == null ? envelope.occurredAt() : followUp.loggedAt();
        return sessions.withTransaction(session -> progress.lock(session, envelope.leadId()).chain(row -> {
            LeadProgress known = LeadProgressBook.read(row);
            progress.write(row, known.followedUp(loggedAt));
            if (!known.followUpCounts(loggedAt)) {
                return Uni.createFrom().voidItem();
            }
            return timers.cancelPending(session, envelope.leadId()).chain(() -> {
                if (followUp.nextStepDueAt() == null || followUp.repId() == null) {
                    return Uni.createFrom().voidItem();
                }
                // In the rep's hours: a next step due at night or on a day off reminds at the next shift's start.
                return roster.find(session, followUp.repId()).chain(rep -> timers.schedule(session,
                        envelope.leadId(), known.assignmentNumber(), followUp.repId(), List.of(LeadEscalation.callback(
                                followUp.nextStepType(), rep.hours().nextOnShift(followUp.nextStepDueAt())))));
            });
        }));
    }

    public Uni<Void> closed(EventEnvelope envelope, LeadClosed closed) {
        return sessions.withTransaction(session -> progress.lock(session, envelope.leadId()).chain(row -> {
            progress.write(row, LeadProgressBook.read(row).closedForGood());
            return timers.cancelPending(session, envelope.leadId()).replaceWithVoid();
        }));
    }
}
