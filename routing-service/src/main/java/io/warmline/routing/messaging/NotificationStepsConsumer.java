package io.warmline.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.TimelineRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Puts notification-service's steps on the lead's timeline: alerted, reminded, escalated. */
@ApplicationScoped
public class NotificationStepsConsumer {

    private final EventReader reader;
    private final TimelineRecorder recorder;

    NotificationStepsConsumer(EventReader reader, TimelineRecorder recorder) {
        this.reader = reader;
        this.recorder = recorder;
    }

    @Incoming("rep-alerted")
    public Uni<Void> alerted(String payload) {
        return reader.apply("rep-alerted", payload, NotificationStep.REP_ALERTED, NotificationStep.class,
                (envelope, step) -> recorder.record(envelope, "alerted", step));
    }

    @Incoming("reminder-sent")
    public Uni<Void> reminded(String payload) {
        return reader.apply("reminder-sent", payload, NotificationStep.REMINDER_SENT, NotificationStep.class,
                (envelope, step) -> recorder.record(envelope, "reminded", step));
    }

    @Incoming("lead-escalated")
    public Uni<Void> escalated(String payload) {
        return reader.apply("lead-escalated", payload, NotificationStep.LEAD_ESCALATED, NotificationStep.class,
                (envelope, step) -> recorder.record(envelope, "escalated", step));
    }
}
