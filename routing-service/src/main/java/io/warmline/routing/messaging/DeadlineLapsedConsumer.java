package io.warmline.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.Reassignment;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes notification-service's {@code DeadlineLapsed}: the lead goes to another rep, or closes as breached. */
@ApplicationScoped
public class DeadlineLapsedConsumer {

    private final EventReader reader;
    private final EventHandlers handlers;

    DeadlineLapsedConsumer(EventReader reader, Reassignment reassignment) {
        this.reader = reader;
        this.handlers = EventHandlers.aboutLeads().on(DeadlineLapsed.TYPE, DeadlineLapsed.class, reassignment::lapse);
    }

    @Incoming("deadline-lapsed")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("deadline-lapsed", batch, handlers);
    }
}
