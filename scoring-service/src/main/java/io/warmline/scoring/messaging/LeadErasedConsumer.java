package io.warmline.scoring.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.scoring.service.PersonalDataErasure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes intake's {@code LeadErased}: scoring erases its copies of the lead's personal data. */
@ApplicationScoped
public class LeadErasedConsumer {

    private final EventReader reader;
    private final EventHandlers handlers;

    LeadErasedConsumer(EventReader reader, PersonalDataErasure erasure) {
        this.reader = reader;
        this.handlers = EventHandlers.aboutLeads().on(LeadErased.TYPE, LeadErased.class, erasure::erased);
    }

    @Incoming("lead-erased")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-erased", batch, handlers);
    }
}
