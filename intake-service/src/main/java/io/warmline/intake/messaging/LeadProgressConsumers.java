package io.warmline.intake.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.intake.domain.Milestone;
import io.warmline.intake.service.LeadMilestones;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes routing's {@code LeadAssigned}, {@code FollowUpLogged} and {@code LeadClosed}: the vendor's status. */
@ApplicationScoped
public class LeadProgressConsumers {

    private final EventReader reader;
    private final EventHandlers leadAssignedHandlers;
    private final EventHandlers followUpLoggedHandlers;
    private final EventHandlers leadClosedHandlers;

    LeadProgressConsumers(EventReader reader, LeadMilestones milestones) {
        this.reader = reader;
        this.leadAssignedHandlers = EventHandlers.aboutLeads().on(LeadAssigned.TYPE, LeadAssigned.class,
                (event, assigned) -> milestones.reached(event, Milestone.ASSIGNED, assigned.assignedAt(), null));
        this.followUpLoggedHandlers = EventHandlers.aboutLeads().on(FollowUpLogged.TYPE, FollowUpLogged.class,
                (event, followUp) -> milestones.reached(event, Milestone.FOLLOWED_UP, followUp.loggedAt(),
                        followUp.outcome()));
        this.leadClosedHandlers = EventHandlers.aboutLeads().on(LeadClosed.TYPE, LeadClosed.class,
                (event, closed) -> milestones.reached(event, Milestone.CLOSED, closed.closedAt(), closed.reason()));
    }

    @Incoming("lead-assigned")
    public Uni<Void> leadAssigned(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-assigned", batch, leadAssignedHandlers);
    }

    @Incoming("follow-up-logged")
    public Uni<Void> followUpLogged(KafkaRecordBatch<String, String> batch) {
        return reader.apply("follow-up-logged", batch, followUpLoggedHandlers);
    }

    @Incoming("lead-closed")
    public Uni<Void> leadClosed(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-closed", batch, leadClosedHandlers);
    }
}
