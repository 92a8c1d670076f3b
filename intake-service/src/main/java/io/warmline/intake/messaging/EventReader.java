package io.warmline.intake.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.BiFunction;

/**
 * How every consumer here applies an incoming event: read it (unreadable means poison), apply it, retry a
 * transient failure with backoff, and otherwise fail the message so the channel puts it on its dead-letter topic
 * and the partition moves on.
 */
@ApplicationScoped
public class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);
    private final ObjectMapper json;

    private final MeterRegistry meters;

    EventReader(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    public <T> Uni<Void> apply(String payload, String eventType, Class<T> dataType,
                               BiFunction<EventEnvelope, T, Uni<?>> handler) {
        return Uni.createFrom().item(() -> envelope(payload, eventType))
                .chain(envelope -> handler.apply(envelope, data(envelope, dataType)))
                .onFailure(failure -> !(failure instanceof PoisonEvent))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .onFailure().invoke(() -> meters.counter("warmline.dead.letters", "channel", eventType).increment())
                .onFailure().invoke(failure -> LOG.warnf("%s sent to the dead-letter topic: %s", eventType,
                        failure.getMessage()))
                .replaceWithVoid();
    }

    EventEnvelope envelope(String payload, String expectedType) {
        EventEnvelope envelope;
        try {
            envelope = json.readValue(payload, EventEnvelope.class);
        } catch (Exception e) {
            throw new PoisonEvent("unreadable event: " + e.getClass().getSimpleName(), e);
        }
        if (envelope.eventId() == null || envelope.leadId() == null || envelope.data() == null
                || !expectedType.equals(envelope.eventType())) {
            throw new PoisonEvent("not a " + expectedType + " event with id, lead id and data", null);
        }
        return envelope;
    }

    <T> T data(EventEnvelope envelope, Class<T> type) {
        try {
            return json.treeToValue(envelope.data(), type);
        } catch (Exception e) {
            throw new PoisonEvent(envelope.eventType() + " " + envelope.eventId() + " has unreadable data", e);
        }
    }
}
