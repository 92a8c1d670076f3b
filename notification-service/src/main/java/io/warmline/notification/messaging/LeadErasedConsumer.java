package io.warmline.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventReader;
import io.warmline.notification.service.PersonalDataErasure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes intake's {@code LeadErased}: notification erases its copies of the lead's personal data. */
@ApplicationScoped
public class LeadErasedConsumer {

    private final EventReader reader;
    private final PersonalDataErasure erasure;

    LeadErasedConsumer(EventReader reader, PersonalDataErasure erasure) {
        this.reader = reader;
        this.erasure = erasure;
    }

    @Incoming("lead-erased")
    public Uni<Void> consume(String payload) {
        return reader.apply("lead-erased", payload, LeadErased.TYPE, LeadErased.class, erasure::erased);
    }
}
