package io.warmline.routing.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * How every consumer here applies an incoming event: read it (unreadable means poison), apply it, retry a
 * transient failure with backoff, and otherwise fail the message so the channel puts it on its dead-letter topic
 * and the partition moves on.
 */
@ApplicationScoped
public class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);
    /** Roster events are about a rep, not a lead: they carry {@code leadId: null}. */
    private static final Set<String> ROSTER_EVENTS = Set.of(RepChanged.TYPE);
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    EventReader(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** {@code channel}: the incoming channel's name, which tags the dead-letter count. */
    public <T> Uni<Void> apply(String channel, String payload, String eventType, Class<T> dataType,
                               BiFunction<EventEnvelope, T, Uni<?>> handler) {
        return Uni.createFrom().item(() -> envelope(payload, eventType))
                .chain(envelope -> handler.apply(envelope, data(envelope, dataType)))
                .onFailure(failure -> !(failure instanceof PoisonEvent))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .onFailure().invoke(failure -> {
                    LOG.warnf("%s sent to the dead-letter topic: %s", eventType, failure.getMessage());
                    metrics.counter("warmline.dead.letters", "channel", channel).increment();
                })
                .replaceWithVoid();
    }

    EventEnvelope envelope(String payload, String expectedType) {
        EventEnvelope envelope;
        try {
            envelope = json.readValue(payload, EventEnvelope.class);
        } catch (Exception e) {
            throw new PoisonEvent("unreadable event: " + e.getClass().getSimpleName(), e);
        }
        boolean leadMissing = envelope.leadId() == null && !ROSTER_EVENTS.contains(expectedType);
        if (envelope.eventId() == null || leadMissing || envelope.data() == null
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
