package io.warmline.scoring.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.scoring.service.WaitingLeads;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes routing's {@code LeadAssigned}: an assigned lead no longer waits, so it is no longer re-scored. */
@ApplicationScoped
public class LeadAssignedConsumer {

    private final EventReader reader;
    private final EventHandlers handlers;

    LeadAssignedConsumer(EventReader reader, WaitingLeads waiting) {
        this.reader = reader;
        this.handlers = EventHandlers.aboutLeads().on(LeadAssigned.TYPE, LeadAssigned.class, waiting::assigned);
    }

    @Incoming("lead-assigned")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-assigned", batch, handlers);
    }
}
