package io.warmline.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka, in commit order per topic and record key, across passes and replicas.
 *
 * <p>A pass claims only rows with no earlier row of the same topic and key left in the table (published rows are
 * deleted): a key's next event is claimed once the one before it is acknowledged by the broker, so two events of
 * one lead never race, whichever replica claims them. Claimed rows are leased ({@code FOR UPDATE SKIP LOCKED}, then
 * {@code claimed_until}), not locked across the network call; the lease outlasts the producer's longest wait, so no
 * row is published by two replicas at once. A crash between the broker's acknowledgement and the delete publishes
 * the row again, which consumers drop by event id.
 *
 * <p>A row that fails is released for the next pass. Its failure counts as an attempt when it was the row's own
 * (its topic does not exist, the record is too large, or other rows went through meanwhile); while the broker is
 * unreachable nothing counts. After {@code warmline.outbox.park-after-attempts} counted failures spread over at
 * least {@code warmline.outbox.park-after} (a topic being created right after a broker starts is missing for
 * seconds only), the row is parked with its error:
 * the rows of other keys go on, the metric {@code warmline_outbox_parked} and its alert tell an operator, who
 * re-queues it after the fix ({@code POST /operations/outbox/parked/requeue}).
 *
 * <p>Passes start when a transaction that wrote events commits (the table's trigger NOTIFYs, see
 * {@code db/platform}), and from a periodic sweep that catches whatever a crash or an outage left behind.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration STUCK_SEND = Duration.ofSeconds(45);
    private static final String CLAIM = """
            UPDATE outbox_event SET claimed_until = now() + make_interval(secs => $2)
             WHERE id IN (SELECT o.id FROM outbox_event o
                           WHERE o.parked_at IS NULL AND (o.claimed_until IS NULL OR o.claimed_until < now())
                             AND NOT EXISTS (SELECT 1 FROM outbox_event e
                                              WHERE e.topic = o.topic AND e.record_key = o.record_key AND e.id < o.id)
                           ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_id, event_type, schema_version, topic, lead_id, record_key, occurred_at, payload""";
    private static final String SETTLE = """
            WITH published AS (DELETE FROM outbox_event WHERE id = ANY($1::bigint[]))
            UPDATE outbox_event o
               SET claimed_until = NULL,
                   attempts = o.attempts + CASE WHEN f.counted THEN 1 ELSE 0 END,
                   first_failed_at = CASE WHEN f.counted THEN coalesce(o.first_failed_at, now())
                                          ELSE o.first_failed_at END,
                   last_error = f.error,
                   parked_at = CASE WHEN f.counted AND o.attempts + 1 >= $5
                                     AND coalesce(o.first_failed_at, now()) <= now() - make_interval(secs => $6)
                                    THEN now() END
              FROM unnest($2::bigint[], $3::text[], $4::boolean[]) AS f(id, error, counted)
             WHERE o.id = f.id
            RETURNING o.id, o.parked_at IS NOT NULL AS parked, o.event_type, o.topic, f.error""";

    /** One claimed row's fate. */
    private record Sent(Row row, boolean published, String error, boolean own) {
    }

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final Topics topics;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    OutboxRelay(Pool pool, @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                MutinyEmitter<String> emitter, Topics topics, OutboxConfig config,
                MeterRegistry meters) {
        this.pool = pool;
        this.emitter = emitter;
        this.topics = topics;
        this.config = config;
        Gauge.builder("warmline.outbox.backlog", backlog, AtomicLong::get)
                .description("events written but not yet published to Kafka (parked ones apart)").register(meters);
        Gauge.builder("warmline.outbox.parked", parked, AtomicLong::get)
                .description("events the relay gave up publishing until an operator re-queues them").register(meters);
    }

    /** Asks for a publishing pass; passes never overlap within one instance, and a request during one runs another. */
    public void wake() {
        if (stopping.get()) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            pass().subscribe().with(this::finish, failure -> {
                LOG.warnf("outbox relay pass failed, the sweep will retry: %s", failure.toString());
                finish(0);
            });
        }
    }

    private void finish(int published) {
        running.set(false);
        // A published row may have been the one its key's next row waited behind.
        if (published > 0 || again.get()) {
            wake();
        }
    }

    /**
     * Starts once the application has started: by then the messaging channels are wired, so the emitter is
     * connected. Listens for the commits of events, and sweeps as the fallback; the first pass publishes whatever
     * a crash left behind.
     */
    void start(@Observes StartupEvent started, Vertx vertx, CommitNotifications notifications) {
        // Meanwhile the sweep publishes.
        notifications.listen("outbox", payload -> wake(), this::wake);
        wake();
        vertx.setPeriodic(config.sweepInterval().toMillis(), timer -> {
            if (stopping.get()) {
                vertx.cancelTimer(timer);
                return;
            }
            wake();
            pool.query("SELECT count(*) FILTER (WHERE parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL)"
                            + " FROM outbox_event").execute()
                    .subscribe().with(rows -> {
                        Row counts = rows.iterator().next();
                        backlog.set(counts.getLong(0));
                        parked.set(counts.getLong(1));
                    }, failure -> { });
        });
    }

    /**
     * Starts no pass once the application is stopping: the pool closes during shutdown, and whatever is left unsent
     * is published by the next start or by another replica's sweep.
     */
    void stop(@Observes ShutdownEvent stopping) {
        this.stopping.set(true);
    }

    private Uni<Integer> pass() {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(config.batch(), (double) config.lease().toSeconds()))
                .onItem().transformToUni(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return topics.presence(claimed.stream().map(row -> row.getString("topic")).distinct().toList())
                            .chain(presence -> Uni.join().all(claimed.stream()
                                    .map(row -> send(row, presence.get(row.getString("topic")))).toList())
                                    .andCollectFailures())
                            .chain(this::settle);
                });
    }

    /** Publishes one claimed row unless its topic is known to be missing; never fails. */
    private Uni<Sent> send(Row row, Topics.Presence presence) {
        if (presence == Topics.Presence.MISSING) {
            return Uni.createFrom().item(new Sent(row, false, "topic " + row.getString("topic") + " does not exist",
                    true));
        }
        if (presence == Topics.Presence.UNKNOWN) {
            return Uni.createFrom().item(new Sent(row, false, "the broker did not answer", false));
        }
        UUID leadId = row.getUUID("lead_id");
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", bytes(row.getUUID("event_id").toString()));
        headers.add("event-type", bytes(row.getString("event_type")));
        headers.add("schema-version", bytes(Integer.toString(row.getInteger("schema_version"))));
        headers.add("occurred-at", bytes(row.getOffsetDateTime("occurred_at").toInstant().toString()));
        if (leadId != null) {
            headers.add("lead-id", bytes(leadId.toString()));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("record_key"))
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata))
                .replaceWith(new Sent(row, true, null, false))
                // A backstop only: the producer answers within its own timeouts, well inside the lease.
                .ifNoItem().after(STUCK_SEND).fail()
                .onFailure().recoverWithItem(failure -> new Sent(row, false, describe(failure), isOwn(failure)));
    }

    /** Whether the failure is the record's own (too large, invalid topic...) rather than the broker's absence. */
    static boolean isOwn(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof KafkaException && !(cause instanceof RetriableException)
                    && !(cause instanceof org.apache.kafka.common.errors.TimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes what was published and releases the rest at once, counting their attempts; one statement. */
    private Uni<Integer> settle(List<Sent> sent) {
        boolean brokerAnswered = sent.stream().anyMatch(Sent::published);
        List<Long> published = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Boolean> counted = new ArrayList<>();
        for (Sent one : sent) {
            long id = one.row().getLong("id");
            if (one.published()) {
                published.add(id);
            } else {
                failed.add(id);
                errors.add(one.error());
                counted.add(one.own() || brokerAnswered);
            }
        }
        if (!failed.isEmpty() && !brokerAnswered) {
            LOG.warnf("%d outbox event(s) not published (%s); they wait in the outbox", failed.size(), errors.get(0));
        }
        return pool.preparedQuery(SETTLE)
                .execute(Tuple.from(List.of(published.toArray(Long[]::new), failed.toArray(Long[]::new),
                        errors.toArray(String[]::new), counted.toArray(Boolean[]::new), config.parkAfterAttempts(),
                        config.parkAfter().toMillis() / 1000.0)))
                .invoke(rows -> rows.forEach(row -> {
                    if (row.getBoolean("parked")) {
                        LOG.errorf("outbox event %d (%s to %s) parked after failing for %s: %s; re-queue it with "
                                        + "POST /operations/outbox/parked/requeue once fixed", row.getLong("id"),
                                row.getString("event_type"), row.getString("topic"), config.parkAfter(),
                                row.getString("error"));
                    } else if (brokerAnswered) {
                        LOG.warnf("outbox event %d (%s to %s) not published: %s", row.getLong("id"),
                                row.getString("event_type"), row.getString("topic"), row.getString("error"));
                    }
                }))
                .replaceWith(published.size());
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
