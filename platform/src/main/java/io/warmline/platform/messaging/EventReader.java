package io.warmline.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How every consumer applies the events of a poll (every channel reads batches: {@code batch=true} in the platform's
 * configuration). The readable events of a batch are applied in one transaction, which the reader opens: the inbox
 * records all their ids in one statement and each handler runs, in the batch's order (so each partition's, and each
 * lead's, order holds), only for an event seen for the first time; its own {@code withTransaction} joins the
 * reader's. One commit, one outbox notification and one offset commit for the whole poll.
 *
 * <p>When that transaction fails, nothing of it stays, and the batch's events are applied again one by one, each in
 * its own transaction, sorting failures by kind:
 * <ul>
 *   <li>poison (unreadable, not the expected type, data that can never apply: {@link PoisonEvent}) is dead-lettered
 *   at once (the channel puts it on its dead-letter topic, reason and origin in headers) and the partition moves on;
 *   an unreadable event never enters the batch's transaction;</li>
 *   <li>transient (the database restarting or out of reach, a reset connection, a deadlock; or any failure while
 *   the database does not answer) is waited out: retried with capped backoff for as long as it lasts, the channel
 *   holding the event (so its partitions wait, in order) and {@link ConsumerHealth} saying so. Never
 *   dead-lettered;</li>
 *   <li>anything else (a failure the database answered, such as a bug) is retried a few times, then dead-lettered
 *   to be replayed after a fix.</li>
 * </ul>
 * Retries run on the consumer's own Vert.x context, as the first try did. The batch is acknowledged (its offsets
 * committed) once every event in it was applied or dead-lettered.
 */
@ApplicationScoped
public class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    /** One readable event of a batch, ready for its handler. */
    private record Read(KafkaRecord<String, String> record, EventEnvelope envelope, Supplier<Uni<?>> handling) {
    }

    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ConsumerHealth health;
    private final DatabaseProbe database;
    private final ConsumerConfig config;
    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final Clock clock;
    private final Vertx vertx;

    EventReader(ObjectMapper json, MeterRegistry meters, ConsumerHealth health, DatabaseProbe database,
                ConsumerConfig config, Mutiny.SessionFactory sessions, Inbox inbox, Clock clock, Vertx vertx) {
        this.json = json;
        this.meters = meters;
        this.health = health;
        this.database = database;
        this.config = config;
        this.sessions = sessions;
        this.inbox = inbox;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** Applies a poll's records read from {@code channel} (the incoming channel's name, which tags the metrics). */
    public Uni<Void> apply(String channel, KafkaRecordBatch<String, String> batch, EventHandlers handlers) {
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        List<Read> reads = new ArrayList<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                reads.add(read(record, handlers));
            } catch (PoisonEvent poison) {
                deadLettered.add(deadLetter(channel, record, poison));
            }
        }
        batchSize(channel).record(reads.size());
        Uni<Void> applied = reads.isEmpty() ? Uni.createFrom().voidItem()
                : together(reads, handlers, context).onFailure().recoverWithUni(failure -> {
                    LOG.debugf("a batch of %d from %s failed (%s): applying them one by one", reads.size(), channel,
                            failure.toString());
                    return oneByOne(channel, reads, handlers, context);
                });
        Uni<Void> poisonFirst = deadLettered.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(deadLettered).andCollectFailures().replaceWithVoid();
        return poisonFirst.chain(() -> applied)
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** The batch's readable events in one transaction; its after-commit actions once it committed. */
    private Uni<Void> together(List<Read> reads, EventHandlers handlers, Context context) {
        return withPendingActions(context, () -> {
            if (!handlers.inbox()) {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Read read : reads) {
                    chain = chain.chain(() -> Uni.createFrom().deferred(read.handling())).replaceWithVoid();
                }
                return chain;
            }
            return sessions.withTransaction(session -> inbox.recordAll(session,
                            reads.stream().map(read -> read.envelope().eventId()).toList(), clock.instant())
                    .chain(first -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Read read : reads) {
                            chain = chain.chain(() -> handleOnce(session, read, first));
                        }
                        return chain;
                    }));
        });
    }

    /**
     * One event of a batch's transaction, if it is its first delivery (the inbox's statement said so; a second copy
     * within the batch is skipped too). Its writes are flushed and the session cleared after it, so the next event
     * reads the database as a transaction of its own would.
     */
    private static Uni<Void> handleOnce(Mutiny.Session session, Read read, Set<UUID> firstDeliveries) {
        if (!firstDeliveries.remove(read.envelope().eventId())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(read.handling())
                .chain(() -> session.flush())
                .invoke(() -> session.clear());
    }

    private Uni<Void> oneByOne(String channel, List<Read> reads, EventHandlers handlers, Context context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Read read : reads) {
            chain = chain.chain(() -> applyOne(channel, read, handlers, context)
                    .onFailure().recoverWithUni(failure -> deadLetter(channel, read.record(), failure)));
        }
        return chain;
    }

    /** One event in a transaction of its own: a batch of one, tried again as the failure's kind says. */
    private Uni<Void> applyOne(String channel, Read read, EventHandlers handlers, Context context) {
        return attempt(channel, read.envelope().eventType(), () -> together(List.of(read), handlers, context),
                context, 1, 0);
    }

    /** Runs {@code work} collecting its handlers' after-commit actions, which run once it succeeded. */
    private static Uni<Void> withPendingActions(Context context, Supplier<Uni<Void>> work) {
        return Uni.createFrom().deferred(() -> {
                    PendingActions pending = PendingActions.open(context);
                    return work.get().replaceWith(pending);
                })
                .eventually(() -> PendingActions.close(context))
                .invoke(pending -> AfterCommit.runAll(pending.actions()))
                .replaceWithVoid();
    }

    /** Sends the record to the channel's dead-letter topic (nack); completes once the broker has it. */
    private Uni<Void> deadLetter(String channel, KafkaRecord<String, String> record, Throwable failure) {
        health.resumed(channel);
        meters.counter(ChannelMeters.DEAD_LETTERS, "channel", channel).increment();
        LOG.warnf("%s from %s sent to the dead-letter topic: %s", eventTypeOf(record), channel, failure.getMessage());
        return Uni.createFrom().completionStage(() -> record.nack(failure));
    }

    private DistributionSummary batchSize(String channel) {
        return DistributionSummary.builder("warmline.consumer.batch")
                .description("events applied per transaction (a poll's readable records)")
                .tag("channel", channel).register(meters);
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

    /** Parses a record once: its envelope, its type's data, and the call of its type's handler. */
    private Read read(KafkaRecord<String, String> record, EventHandlers handlers) {
        EventEnvelope envelope = envelope(record.getPayload(), handlers);
        EventHandlers.Handling<?> handling = handlers.handling(envelope.eventType());
        return new Read(record, envelope, call(envelope, handling));
    }

    private <T> Supplier<Uni<?>> call(EventEnvelope envelope, EventHandlers.Handling<T> handling) {
        T data = data(envelope, handling.dataType());
        return () -> handling.handler().apply(envelope, data);
    }

    EventEnvelope envelope(String payload, EventHandlers handlers) {
        EventEnvelope envelope;
        try {
            envelope = json.readValue(payload, EventEnvelope.class);
        } catch (Exception e) {
            throw new PoisonEvent("unreadable event: " + e.getClass().getSimpleName(), e);
        }
        if (envelope == null || envelope.eventId() == null || handlers.requireLeadId() && envelope.leadId() == null
                || envelope.data() == null || handlers.handling(envelope.eventType()) == null) {
            throw new PoisonEvent("not a " + handlers.names() + " event with id, "
                    + (handlers.requireLeadId() ? "lead id " : "") + "and data", null);
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

    private static String eventTypeOf(KafkaRecord<String, String> record) {
        Header type = record.getHeaders().lastHeader("event-type");
        return type == null ? "an event" : new String(type.value(), StandardCharsets.UTF_8);
    }
}
