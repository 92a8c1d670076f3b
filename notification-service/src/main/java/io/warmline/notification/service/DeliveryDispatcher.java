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
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends pending deliveries. Woken after each commit that recorded some, and swept now and then for retries and
 * for what a crash left behind. Each delivery is claimed on its own just before it is sent, until the database's
 * {@code now()} plus a lease that outlasts one send (so no row waits leased behind a slow batch, and no instance's
 * clock decides), and its outcome is recorded with the claim released, only if the claim is still its own: replicas
 * never send the same one twice. A crash between the send and the record sends it again after the lease; the webhook
 * id is the delivery id, so a receiver can drop the repeat. A failed send is retried with doubling backoff; after
 * the last attempt (or at once when the failure is permanent) the channel's fallback takes the notice over.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    private static final int BATCH = 50;
    /** Outlasts one send: the longest channel waits 5 s to connect and 10 s for the answer. */
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final String DUE = """
            SELECT id FROM delivery WHERE status = 'pending' AND next_attempt_at <= now()
               AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY next_attempt_at LIMIT :batch""";
    private static final String CLAIM = """
            UPDATE delivery SET claimed_until = now() + :lease * interval '1 second', claim = :claim
             WHERE id = :id AND status = 'pending' AND next_attempt_at <= now()
               AND (claimed_until IS NULL OR claimed_until < now())""";

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
        return sessions.withSession(session -> session.createNativeQuery(DUE).setParameter("batch", BATCH)
                        .getResultList())
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0)
                        // One after another: Hibernate Reactive keeps one session per context, never shared.
                        : Multi.createFrom().iterable(due).onItem()
                        .transformToUniAndConcatenate(id -> claimAndSend(((Number) id).longValue()))
                        .collect().asList().replaceWith(due.size()));
    }

    /** Claims the delivery if it is still due and unclaimed, then sends it; another replica may have got there. */
    private Uni<Void> claimAndSend(long id) {
        UUID claim = UUID.randomUUID();
        return sessions.withTransaction(session -> session.createNativeQuery(CLAIM)
                        .setParameter("lease", (double) LEASE.toSeconds()).setParameter("claim", claim)
                        .setParameter("id", id).executeUpdate()
                        .chain(claimed -> claimed == 0 ? Uni.createFrom().<Delivery>nullItem()
                                : session.find(Delivery.class, id)))
                .chain(delivery -> delivery == null ? Uni.createFrom().voidItem() : attempt(delivery, claim));
    }

    private Uni<Void> attempt(Delivery delivery, UUID claim) {
        Notice notice = read(delivery.notice);
        Channel channel = channels.get(delivery.channel);
        Uni<Void> send = channel == null
                ? Uni.createFrom().failure(new ChannelFailure("no channel " + delivery.channel, true))
                : Uni.createFrom().deferred(() -> channel.send(delivery.id, delivery.recipient, notice));
        return send.onItemOrFailure().transformToUni((ok, failure) -> record(delivery, claim, notice, failure));
    }

    /** The outcome, with the claim released; nothing when the claim is no longer this one's (its lease ran out). */
    private Uni<Void> record(Delivery claimed, UUID claim, Notice notice, Throwable failure) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(Delivery.class, claimed.id, LockMode.PESSIMISTIC_WRITE)
                .chain(row -> {
            if (!claim.equals(row.claim)) {
                LOG.warnf("delivery %d was sent after its claim ran out; its outcome is the later claim's", row.id);
                return Uni.createFrom().item(false);
            }
            row.claim = null;
            row.claimedUntil = null;
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
