package io.warmline.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.service.RepAlerting;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@code LeadAssigned}. A poison event is nacked at once and lands on this channel's dead-letter topic;
 * a transient failure (the database restarting) is retried with backoff first.
 */
@ApplicationScoped
public class LeadAssignedConsumer {

    private static final Logger LOG = Logger.getLogger(LeadAssignedConsumer.class);

    private final EventReader reader;
    private final RepAlerting alerting;

    LeadAssignedConsumer(EventReader reader, RepAlerting alerting) {
        this.reader = reader;
        this.alerting = alerting;
    }

    @Incoming("lead-assigned")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().item(() -> reader.envelope(payload, LeadAssigned.TYPE))
                .chain(envelope -> alerting.alert(envelope, reader.data(envelope, LeadAssigned.class))
                        .invoke(alerted -> LOG.debugf("LeadAssigned %s for lead %s: %s", envelope.eventId(),
                                envelope.leadId(), alerted ? "rep alerted" : "already applied")))
                .onFailure(failure -> !(failure instanceof PoisonEvent))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .onFailure().invoke(failure -> LOG.warnf("LeadAssigned sent to the dead-letter topic: %s",
                        failure.getMessage()))
                .replaceWithVoid();
    }
}
