package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.routing.messaging.NotificationStep;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.HashMap;
import java.util.Map;

/** Records another service's step on a lead's timeline, once per event. */
@ApplicationScoped
public class TimelineRecorder {

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;

    TimelineRecorder(Mutiny.SessionFactory sessions, Timeline timeline) {
        this.sessions = sessions;
        this.timeline = timeline;
    }

    public Uni<Void> record(EventEnvelope envelope, String kind, NotificationStep step) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("step", step.step());
        detail.put("target", step.target());
        detail.put("channel", step.channel());
        detail.put("reason", step.reason());
        detail.values().removeIf(java.util.Objects::isNull);
        return sessions.withTransaction(session -> timeline.record(session, envelope.leadId(), kind,
                step.at() != null ? step.at() : envelope.occurredAt(), step.repId(), detail));
    }
}
