package io.warmline.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.LeadRouting;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code LeadScored}: every scored lead is routed. */
@ApplicationScoped
public class LeadScoredConsumer {

    private final EventReader reader;
    private final EventHandlers handlers;
    private final LeadRouting routing;

    LeadScoredConsumer(EventReader reader, LeadRouting routing) {
        this.reader = reader;
        this.routing = routing;
        this.handlers = EventHandlers.aboutLeads().on(LeadScored.TYPE, LeadScored.class, routing::route);
    }

    @Incoming("lead-scored")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-scored", batch, handlers);
    }
}
