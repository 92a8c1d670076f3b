package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.Milestone;
import io.warmline.intake.persistence.Lead;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.PoisonEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Records the milestones other services report for a lead, as its vendor may see them: the step, when, and an
 * outcome in the step's fixed words. The milestone row carries the event's id, unique, so recording the event and
 * applying it are one row in one transaction, and a redelivered event adds nothing. An event for a lead intake
 * never received (sent by another service's tests on the shared topics, say) is ignored.
 */
@ApplicationScoped
public class LeadMilestones {

    private static final Logger LOG = Logger.getLogger(LeadMilestones.class);

    private final Mutiny.SessionFactory sessions;

    LeadMilestones(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * {@code at}: when it happened by the event's own data, the event's time when absent. True when a milestone was
     * added; false for a redelivery or a lead intake does not know.
     */
    public Uni<Boolean> reached(EventEnvelope event, Milestone milestone, Instant at, String reportedOutcome) {
        Instant when = at != null ? at : event.occurredAt();
        if (when == null) {
            throw new PoisonEvent(event.eventType() + " " + event.eventId() + " does not say when it happened", null);
        }
        String outcome = milestone.vendorOutcome(reportedOutcome).orElse(null);
        if (reportedOutcome != null && outcome == null) {
            // A word routing added after this version: the step is still true, the outcome waits for an upgrade.
            LOG.warnf("%s %s reports an outcome vendors are not shown with %s; recorded without it",
                    event.eventType(), event.eventId(), milestone.wireName());
        }
        return sessions.withTransaction(session -> session.find(Lead.class, event.leadId())
                .chain(lead -> {
                    if (lead == null) {
                        LOG.debugf("%s %s is about a lead intake does not know: ignored", event.eventType(),
                                event.eventId());
                        return Uni.createFrom().item(false);
                    }
                    return session.createNativeQuery("""
                                    INSERT INTO lead_milestone (lead_id, milestone, occurred_at, outcome, event_id)
                                    VALUES (:lead, :milestone, :at, :outcome, :event)
                                    ON CONFLICT (event_id) DO NOTHING""")
                            .setParameter("lead", lead.id)
                            .setParameter("milestone", milestone.wireName())
                            .setParameter("at", when)
                            .setParameter("outcome", outcome)
                            .setParameter("event", event.eventId())
                            .executeUpdate()
                            .map(inserted -> inserted == 1);
                }));
    }
}
