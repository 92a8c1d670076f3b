package io.warmline.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.notification.service.RepAlerting;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code LeadAssigned}: the rep is alerted and the lead's escalation policy starts. */
@ApplicationScoped
public class LeadAssignedConsumer {

    private final EventReader reader;
    private final EventHandlers handlers;

    LeadAssignedConsumer(EventReader reader, RepAlerting alerting) {
        this.reader = reader;
        this.handlers = EventHandlers.aboutLeads().on(LeadAssigned.TYPE, LeadAssigned.class, alerting::alert);
    }

    @Incoming("lead-assigned")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-assigned", batch, handlers);
    }
}
