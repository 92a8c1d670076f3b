package io.warmline.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.service.RepAlerting;
import io.warmline.platform.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code LeadAssigned}: the rep is alerted and the lead's escalation policy starts. */
@ApplicationScoped
public class LeadAssignedConsumer {

    private final EventReader reader;
    private final RepAlerting alerting;

    LeadAssignedConsumer(EventReader reader, RepAlerting alerting) {
        this.reader = reader;
        this.alerting = alerting;
    }

    @Incoming("lead-assigned")
    public Uni<Void> consume(String payload) {
        return reader.apply("lead-assigned", payload, LeadAssigned.TYPE, LeadAssigned.class, alerting::alert);
    }
}
