package io.warmline.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.warmline.notification.channel.Channel;
import io.warmline.notification.channel.ChannelFailure;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.persistence.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends pending deliveries. Woken after each commit that recorded some, and swept now and then for retries and
 * for what a crash left behind. A delivery is leased (its next attempt pushed a minute out) under
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never send the same one at once. A failed send is retried with
 * doubling backoff; after the last attempt (or at once when the failure is permanent) the channel's fallback takes
 * the notice over.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final Mutiny.SessionFactory sessions;
    private final Map<String, Channel> channels;
    private final Deliveries deliveries;
    private final EscalationConfig config;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Clock clock;
    private final SerialPasses passes = new SerialPasses("delivery", () -> pass().map(sent -> sent >= BATCH));
    private volatile Vertx vertx;
    private long sweeper;

    DeliveryDispatcher(Mutiny.SessionFactory sessions, Instance<Channel> channels, Deliveries deliveries,
                       EscalationConfig config, ObjectMapper json, MeterRegistry registry, Clock clock) {
        this.sessions = sessions;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.deliveries = deliveries;
        this.config = config;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
    }

    void sweep(@Observes StartupEvent started, Vertx vertx) {
        this.vertx = vertx;
        passes.start(vertx);
        sweeper = vertx.setPeriodic(config.deliveries().sweepInterval().toMillis(), tick -> dispatchSoon());
    }

    /** No new pass once shutdown begins: the database pool is closing. */
    void stop(@Observes ShutdownEvent stopping) {
        passes.stop();
        Vertx running = vertx;
        vertx = null;
        if (running != null) {
            running.cancelTimer(sweeper);
        }
    }

    /** Asks for a sending pass; passes do not overlap here, and a request during one runs another. */
    public void dispatchSoon() {
        passes.request();
    }

    private Uni<Integer> pass() {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                SELECT * FROM delivery WHERE status = 'pending' AND next_attempt_at <= :now
                                 ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED""", Delivery.class)
                        .setParameter("now", now).setParameter("batch", BATCH)
                        .getResultList()
                        .invoke(claimed -> claimed.forEach(row -> row.nextAttemptAt = now.plus(LEASE))))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0)
                        // One after another: Hibernate Reactive keeps one session per context, never shared.
                        : Multi.createFrom().iterable(claimed).onItem().transformToUniAndConcatenate(this::attempt)
                        .collect().asList().replaceWith(claimed.size()));
    }

    private Uni<Void> attempt(Delivery delivery) {
        Notice notice = read(delivery.notice);
        Channel channel = channels.get(delivery.channel);
        Uni<Void> send = channel == null
                ? Uni.createFrom().failure(new ChannelFailure("no channel " + delivery.channel, true))
                : Uni.createFrom().deferred(() -> channel.send(delivery.recipient, notice));
        return send.onItemOrFailure().transformToUni((ok, failure) -> record(delivery, notice, failure));
    }

    private Uni<Void> record(Delivery claimed, Notice notice, Throwable failure) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(Delivery.class, claimed.id).chain(row -> {
            row.attempts++;
            if (failure == null) {
                row.status = Delivery.DELIVERED;
                row.deliveredAt = now;
                count(row.channel, "delivered");
                return Uni.createFrom().item(false);
            }
            row.lastError = truncate(failure.getMessage());
            boolean permanent = failure instanceof ChannelFailure channelFailure && channelFailure.permanent;
            if (!permanent && row.attempts < config.deliveries().maxAttempts()) {
                row.nextAttemptAt = now.plus(config.deliveries().backoff().multipliedBy(1L << (row.attempts - 1)));
                return Uni.createFrom().item(false);
            }
            row.status = Delivery.FAILED;
            count(row.channel, "failed");
            Deliveries.Route fallback = deliveries.fallback(row.channel, notice);
            if (fallback == null || fallback.channel().equals(row.channel)) {
                LOG.warnf("delivery %d on %s failed for good: %s", row.id, row.channel, row.lastError);
                return Uni.createFrom().item(false);
            }
            count(row.channel, "fallback");
            return deliveries.add(session, row.timerId, notice, List.of(fallback)).replaceWith(true);
        })).invoke(fellBack -> {
            if (fellBack) {
                dispatchSoon();
            }
        }).replaceWithVoid();
    }

    private void count(String channel, String result) {
        registry.counter("warmline.deliveries", "channel", channel, "result", result).increment();
    }

    private Notice read(String notice) {
        try {
            return json.readValue(notice, Notice.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored notice is not readable", e);
        }
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }
}
