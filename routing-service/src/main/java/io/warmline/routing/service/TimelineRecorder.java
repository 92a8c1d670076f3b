package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.Inbox;
import io.warmline.routing.messaging.NotificationStep;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Records another service's step on a lead's timeline, once per event. */
@ApplicationScoped
public class TimelineRecorder {

    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final Timeline timeline;
    private final Clock clock;

    TimelineRecorder(Mutiny.SessionFactory sessions, Inbox inbox, Timeline timeline, Clock clock) {
        this.sessions = sessions;
        this.inbox = inbox;
        this.timeline = timeline;
        this.clock = clock;
    }

    public Uni<Void> record(EventEnvelope envelope, String kind, NotificationStep step) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("step", step.step());
        detail.put("target", step.target());
        detail.put("channel", step.channel());
        detail.put("reason", step.reason());
        detail.values().removeIf(java.util.Objects::isNull);
        return sessions.withTransaction(session -> inbox.firstDelivery(session, envelope.eventId(), clock.instant())
                .chain(first -> !first ? Uni.createFrom().voidItem()
                        : timeline.record(session, envelope.leadId(), kind,
                        step.at() != null ? step.at() : envelope.occurredAt(), step.repId(), detail)));
    }
}
