package io.warmline.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.notification.service.LeadFollowUps;
import io.warmline.notification.service.Roster;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes routing's {@code FollowUpLogged}, {@code LeadClosed} and {@code RepChanged}. */
@ApplicationScoped
public class LeadProgressConsumers {

    private final EventReader reader;
    private final EventHandlers followUpLoggedHandlers;
    private final EventHandlers leadClosedHandlers;
    private final EventHandlers repChangedHandlers;

    LeadProgressConsumers(EventReader reader, LeadFollowUps followUps, Roster roster) {
        this.reader = reader;
        this.followUpLoggedHandlers = EventHandlers.aboutLeads()
                .on(FollowUpLogged.TYPE, FollowUpLogged.class, followUps::logged);
        this.leadClosedHandlers = EventHandlers.aboutLeads().on(LeadClosed.TYPE, LeadClosed.class, followUps::closed);
        this.repChangedHandlers = EventHandlers.aboutOthers().on(RepChanged.TYPE, RepChanged.class, roster::changed);
    }

    @Incoming("follow-up-logged")
    public Uni<Void> followUpLogged(KafkaRecordBatch<String, String> batch) {
        return reader.apply("follow-up-logged", batch, followUpLoggedHandlers);
    }

    @Incoming("lead-closed")
    public Uni<Void> leadClosed(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-closed", batch, leadClosedHandlers);
    }

    @Incoming("rep-changed")
    public Uni<Void> repChanged(KafkaRecordBatch<String, String> batch) {
        return reader.apply("rep-changed", batch, repChangedHandlers);
    }
}
