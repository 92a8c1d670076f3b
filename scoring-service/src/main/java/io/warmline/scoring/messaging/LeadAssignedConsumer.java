package io.warmline.scoring.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventReader;
import io.warmline.scoring.service.WaitingLeads;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes routing's {@code LeadAssigned}: an assigned lead no longer waits, so it is no longer re-scored. */
@ApplicationScoped
public class LeadAssignedConsumer {

    private final EventReader reader;
    private final WaitingLeads waiting;

    LeadAssignedConsumer(EventReader reader, WaitingLeads waiting) {
        this.reader = reader;
        this.waiting = waiting;
    }

    @Incoming("lead-assigned")
    public Uni<Void> consume(String payload) {
        return reader.apply("lead-assigned", payload, LeadAssigned.TYPE, LeadAssigned.class, waiting::assigned);
    }
}
