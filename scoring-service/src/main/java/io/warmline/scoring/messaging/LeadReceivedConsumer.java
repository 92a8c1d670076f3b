package io.warmline.scoring.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventReader;
import io.warmline.scoring.service.LeadScoring;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code LeadReceived}: every received lead is scored. */
@ApplicationScoped
public class LeadReceivedConsumer {

    private final EventReader reader;
    private final LeadScoring scoring;

    LeadReceivedConsumer(EventReader reader, LeadScoring scoring) {
        this.reader = reader;
        this.scoring = scoring;
    }

    @Incoming("lead-received")
    public Uni<Void> consume(String payload) {
        return reader.apply("lead-received", payload, LeadReceived.TYPE, LeadReceived.class, scoring::received);
    }
}
