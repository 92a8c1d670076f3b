package io.warmline.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.Reassignment;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes notification-service's {@code DeadlineLapsed}: the lead goes to another rep, or closes as breached. */
@ApplicationScoped
public class DeadlineLapsedConsumer {

    private final EventReader reader;
    private final Reassignment reassignment;

    DeadlineLapsedConsumer(EventReader reader, Reassignment reassignment) {
        this.reader = reader;
        this.reassignment = reassignment;
    }

    @Incoming("deadline-lapsed")
    public Uni<Void> consume(String payload) {
        return reader.apply("deadline-lapsed", payload, DeadlineLapsed.TYPE, DeadlineLapsed.class,
                reassignment::lapse);
    }
}
