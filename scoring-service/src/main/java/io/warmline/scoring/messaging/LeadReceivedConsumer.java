package io.warmline.scoring.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.scoring.service.LeadScoring;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code LeadReceived}: every received lead is scored. */
@ApplicationScoped
public class LeadReceivedConsumer {

    private final EventReader reader;
    private final EventHandlers handlers;
    private final LeadScoring scoring;

    LeadReceivedConsumer(EventReader reader, LeadScoring scoring) {
        this.reader = reader;
        this.scoring = scoring;
        this.handlers = EventHandlers.aboutLeads().on(LeadReceived.TYPE, LeadReceived.class, scoring::received);
    }

    @Incoming("lead-received")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-received", batch, handlers);
    }
}
