package io.warmline.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.LeadRouting;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code LeadScored}: every scored lead is routed. */
@ApplicationScoped
public class LeadScoredConsumer {

    private final EventReader reader;
    private final LeadRouting routing;

    LeadScoredConsumer(EventReader reader, LeadRouting routing) {
        this.reader = reader;
        this.routing = routing;
    }

    @Incoming("lead-scored")
    public Uni<Void> consume(String payload) {
        return reader.apply("lead-scored", payload, LeadScored.TYPE, LeadScored.class, routing::route);
    }
}
