package io.warmline.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * How every consumer applies an incoming event, sorting failures by kind:
 * <ul>
 *   <li>poison (unreadable, not the expected type, data that can never apply: {@link PoisonEvent}) fails the
 *   message at once, so the channel puts it on its dead-letter topic (reason and origin in headers) and the
 *   partition moves on;</li>
 *   <li>transient (the database restarting or out of reach, a reset connection, a deadlock; or any failure while
 *   the database does not answer) is waited out: retried with capped backoff for as long as it lasts, the channel
 *   holding the event (so its partitions wait, in order) and {@link ConsumerHealth} saying so. Never dead-lettered;</li>
 *   <li>anything else (a failure the database answered, such as a bug) is retried a few times, then dead-lettered
 *   to be replayed after a fix.</li>
 * </ul>
 * Retries run on the consumer's own Vert.x context, as the first try did.
 */
@ApplicationScoped
public class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ConsumerHealth health;
    private final DatabaseProbe database;
    private final ConsumerConfig config;
    private final Vertx vertx;

    EventReader(ObjectMapper json, MeterRegistry meters, ConsumerHealth health, DatabaseProbe database,
                ConsumerConfig config, Vertx vertx) {
        this.json = json;
        this.meters = meters;
        this.health = health;
        this.database = database;
        this.config = config;
        this.vertx = vertx;
    }

    /** Applies a lead's event read from {@code channel} (the incoming channel's name, which tags the metrics). */
    public <T> Uni<Void> apply(String channel, String payload, String eventType, Class<T> dataType,
                               BiFunction<EventEnvelope, T, Uni<?>> handler) {
        return apply(channel, payload, eventType, true, dataType, handler);
    }

    /** For events about something other than a lead (a rep): no lead id is required. */
    public <T> Uni<Void> applyWithoutLead(String channel, String payload, String eventType, Class<T> dataType,
                                          BiFunction<EventEnvelope, T, Uni<?>> handler) {
        return apply(channel, payload, eventType, false, dataType, handler);
    }

    private <T> Uni<Void> apply(String channel, String payload, String eventType, boolean aboutALead,
                                Class<T> dataType, BiFunction<EventEnvelope, T, Uni<?>> handler) {
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        Supplier<Uni<Void>> once = () -> Uni.createFrom().item(() -> envelope(payload, eventType, aboutALead))
                .chain(envelope -> handler.apply(envelope, data(envelope, dataType)))
                .replaceWithVoid();
        return attempt(channel, eventType, once, context, 1, 0)
                .onFailure().invoke(failure -> {
                    health.resumed(channel);
                    meters.counter(ChannelMeters.DEAD_LETTERS, "channel", channel).increment();
                    LOG.warnf("%s from %s sent to the dead-letter topic: %s", eventType, channel, failure.getMessage());
                });
    }

    /**
     * One try; on failure, decides whether to wait and try again. {@code unexplained} counts the failures that
     * were neither poison nor transient.
     */
    private Uni<Void> attempt(String channel, String eventType, Supplier<Uni<Void>> once, Context context, int tries,
                              int unexplained) {
        return Uni.createFrom().deferred(once::get)
                .invoke(() -> {
                    if (tries > 1) {
                        health.resumed(channel);
                        LOG.infof("%s from %s applied after %d tries", eventType, channel, tries);
                    }
                })
                .onFailure(failure -> !isPoison(failure)).recoverWithUni(failure ->
                        kindOf(failure).chain(isTransient -> {
                            if (!isTransient && unexplained + 1 >= config.unexplainedAttempts()) {
                                return Uni.createFrom().failure(failure);
                            }
                            if (isTransient) {
                                health.waiting(channel, failure);
                                if (tries == 1 || tries % 20 == 0) {
                                    LOG.warnf("%s from %s waits for a transient fault to pass (try %d): %s",
                                            eventType, channel, tries, failure.toString());
                                }
                            }
                            return pause(context, backoff(tries)).chain(() -> attempt(channel, eventType, once,
                                    context, tries + 1, isTransient ? unexplained : unexplained + 1));
                        }));
    }

    static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof PoisonEvent) {
                return true;
            }
        }
        return false;
    }

    private Uni<Boolean> kindOf(Throwable failure) {
        if (Failures.isTransient(failure)) {
            return Uni.createFrom().item(true);
        }
        return database.answers().map(answers -> !answers);
    }

    Duration backoff(int tries) {
        long min = config.minBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long wait = tries >= 30 ? max : Math.min(max, min << Math.min(tries - 1, 30));
        return Duration.ofMillis(wait);
    }

    private static Uni<Void> pause(Context context, Duration wait) {
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(Math.max(1, wait.toMillis()),
                timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    EventEnvelope envelope(String payload, String expectedType, boolean aboutALead) {
        EventEnvelope envelope;
        try {
            envelope = json.readValue(payload, EventEnvelope.class);
        } catch (Exception e) {
            throw new PoisonEvent("unreadable event: " + e.getClass().getSimpleName(), e);
        }
        if (envelope.eventId() == null || aboutALead && envelope.leadId() == null || envelope.data() == null
                || !expectedType.equals(envelope.eventType())) {
            throw new PoisonEvent("not a " + expectedType + " event with id, " + (aboutALead ? "lead id " : "")
                    + "and data", null);
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
