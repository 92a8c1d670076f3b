package io.warmline.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.ReportProjection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the speed-to-lead report's read model from the lead's events (assigned, followed up, closed, lapsed), read
 * from their four topics on one channel by a consumer group of its own, so the report can be rebuilt by replaying
 * them without touching routing's own consumption.
 */
@ApplicationScoped
public class ReportConsumer {

    static final String CHANNEL = "report";

    private final EventReader reader;
    private final EventHandlers handlers;

    ReportConsumer(EventReader reader, ReportProjection projection) {
        this.reader = reader;
        // The projection's upserts are idempotent on their own, and routing reads DeadlineLapsed on its own channel
        // too: the inbox (one per service) would let only one of the two channels see each event.
        this.handlers = EventHandlers.aboutLeads().withoutInbox()
                .on(LeadAssigned.TYPE, LeadAssigned.class, projection::assigned)
                .on(FollowUpLogged.TYPE, FollowUpLogged.class, projection::called)
                .on(LeadClosed.TYPE, LeadClosed.class, projection::closed)
                .on(DeadlineLapsed.TYPE, DeadlineLapsed.class, projection::lapsed);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply(CHANNEL, batch, handlers);
    }
}
