package io.warmline.scoring.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.scoring.service.WaitingLeads;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes routing's {@code LeadQueued}: a lead back in the queue waits again, so decay re-scores it again. */
@ApplicationScoped
public class LeadQueuedConsumer {

    private final EventReader reader;
    private final EventHandlers handlers;

    LeadQueuedConsumer(EventReader reader, WaitingLeads waiting) {
        this.reader = reader;
        this.handlers = EventHandlers.aboutLeads().on(LeadQueued.TYPE, LeadQueued.class, waiting::queued);
    }

    @Incoming("lead-queued")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-queued", batch, handlers);
    }
}
