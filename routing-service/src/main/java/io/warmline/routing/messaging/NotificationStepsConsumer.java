package io.warmline.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.TimelineRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Puts notification-service's steps on the lead's timeline: alerted, reminded, escalated. */
@ApplicationScoped
public class NotificationStepsConsumer {

    private final EventReader reader;
    private final EventHandlers alertedHandlers;
    private final EventHandlers remindedHandlers;
    private final EventHandlers escalatedHandlers;

    NotificationStepsConsumer(EventReader reader, TimelineRecorder recorder) {
        this.reader = reader;
        this.alertedHandlers = EventHandlers.aboutLeads().on(NotificationStep.REP_ALERTED, NotificationStep.class,
                (envelope, step) -> recorder.record(envelope, "alerted", step));
        this.remindedHandlers = EventHandlers.aboutLeads().on(NotificationStep.REMINDER_SENT, NotificationStep.class,
                (envelope, step) -> recorder.record(envelope, "reminded", step));
        this.escalatedHandlers = EventHandlers.aboutLeads().on(NotificationStep.LEAD_ESCALATED, NotificationStep.class,
                (envelope, step) -> recorder.record(envelope, "escalated", step));
    }

    @Incoming("rep-alerted")
    public Uni<Void> alerted(KafkaRecordBatch<String, String> batch) {
        return reader.apply("rep-alerted", batch, alertedHandlers);
    }

    @Incoming("reminder-sent")
    public Uni<Void> reminded(KafkaRecordBatch<String, String> batch) {
        return reader.apply("reminder-sent", batch, remindedHandlers);
    }

    @Incoming("lead-escalated")
    public Uni<Void> escalated(KafkaRecordBatch<String, String> batch) {
        return reader.apply("lead-escalated", batch, escalatedHandlers);
    }
}
