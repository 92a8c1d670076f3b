package io.warmline.intake.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.Milestone;
import io.warmline.intake.service.LeadMilestones;
import io.warmline.platform.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes routing's {@code LeadAssigned}, {@code FollowUpLogged} and {@code LeadClosed}: the vendor's status. */
@ApplicationScoped
public class LeadProgressConsumers {

    private final EventReader reader;
    private final LeadMilestones milestones;

    LeadProgressConsumers(EventReader reader, LeadMilestones milestones) {
        this.reader = reader;
        this.milestones = milestones;
    }

    @Incoming("lead-assigned")
    public Uni<Void> leadAssigned(String payload) {
        return reader.apply("lead-assigned", payload, LeadAssigned.TYPE, LeadAssigned.class, (event, assigned) ->
                milestones.reached(event, Milestone.ASSIGNED, assigned.assignedAt(), null));
    }

    @Incoming("follow-up-logged")
    public Uni<Void> followUpLogged(String payload) {
        return reader.apply("follow-up-logged", payload, FollowUpLogged.TYPE, FollowUpLogged.class, (event, followUp) ->
                milestones.reached(event, Milestone.FOLLOWED_UP, followUp.loggedAt(), followUp.outcome()));
    }

    @Incoming("lead-closed")
    public Uni<Void> leadClosed(String payload) {
        return reader.apply("lead-closed", payload, LeadClosed.TYPE, LeadClosed.class, (event, closed) ->
                milestones.reached(event, Milestone.CLOSED, closed.closedAt(), closed.reason()));
    }
}
