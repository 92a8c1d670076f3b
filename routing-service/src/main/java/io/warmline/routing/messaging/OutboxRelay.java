package io.warmline.routing.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka. It is woken right after each commit that wrote an event, so publishing adds no
 * polling delay; the periodic sweep only catches rows left behind by a crash or a broker outage.
 *
 * <p>Rows are leased (not locked across the network call), published, then deleted; rows the broker did not take
 * are released for the next pass. Several replicas may run the relay at once: {@code FOR UPDATE SKIP LOCKED} and
 * the lease keep each row with one of them. The lease outlasts the producer's longest wait (max.block.ms, then
 * delivery.timeout.ms in application.properties), so no row is published by two replicas at once. A crash between
 * the broker's acknowledgement and the delete republishes the row, which consumers drop by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final Duration STUCK_SEND = Duration.ofSeconds(45);
    private static final String CLAIM = """
            UPDATE outbox_event SET claimed_until = now() + interval '60 seconds'
             WHERE id IN (SELECT id FROM outbox_event
                           WHERE claimed_until IS NULL OR claimed_until < now()
                           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_id, event_type, schema_version, topic, lead_id, record_key, occurred_at, payload""";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private final AtomicLong backlog = new AtomicLong();

    OutboxRelay(Pool pool, @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                MutinyEmitter<String> emitter, MeterRegistry meters) {
        this.pool = pool;
        this.emitter = emitter;
        Gauge.builder("warmline.outbox.backlog", backlog, AtomicLong::get)
                .description("events written but not yet published to Kafka").register(meters);
    }

    /** Asks for a publishing pass; passes never overlap within one instance, and a request during one runs another. */
    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            pass().subscribe().with(published -> finish(published), failure -> {
                LOG.warnf("outbox relay pass failed, the sweep will retry: %s", failure.toString());
                finish(0);
            });
        }
    }

    private void finish(int published) {
        running.set(false);
        if (published >= BATCH || again.get()) {
            wake();
        }
    }

    /**
     * Starts the sweep once the application has started: by then the messaging channels are wired, so the emitter
     * is connected (a scheduler job could fire earlier). The first pass publishes whatever a crash left behind.
     */
    void sweep(@Observes StartupEvent started, Vertx vertx,
               @ConfigProperty(name = "warmline.outbox.sweep-interval", defaultValue = "2s") Duration interval) {
        wake();
        vertx.setPeriodic(interval.toMillis(), timer -> {
            wake();
            pool.query("SELECT count(*) FROM outbox_event").execute()
                    .subscribe().with(rows -> backlog.set(rows.iterator().next().getLong(0)), failure -> { });
        });
    }

    private Uni<Integer> pass() {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(BATCH)).onItem().transformToUni(rows -> {
            List<Row> claimed = new ArrayList<>();
            rows.forEach(claimed::add);
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            claimed.sort(Comparator.comparingLong(row -> row.getLong("id")));
            // The oldest event goes alone first: while the broker is unreachable every send waits for it in vain,
            // and one wait per pass is enough to learn that. The rest follow together once it has gone through.
            return publish(claimed.get(0)).chain(firstWent -> firstWent && claimed.size() > 1
                            ? Uni.join().all(claimed.subList(1, claimed.size()).stream().map(this::publish).toList())
                                    .andFailFast().map(rest -> prepend(true, rest))
                            : Uni.createFrom().item(List.of(firstWent)))
                    .chain(went -> settle(claimed, went));
        });
    }

    /** Deletes what was published and releases the rest at once, so the next pass retries it without a wait. */
    private Uni<Integer> settle(List<Row> claimed, List<Boolean> went) {
        List<Long> published = new ArrayList<>();
        List<Long> unpublished = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            (i < went.size() && went.get(i) ? published : unpublished).add(claimed.get(i).getLong("id"));
        }
        if (!unpublished.isEmpty()) {
            LOG.warnf("%d outbox event(s) not published, the broker is unreachable; they wait in the outbox",
                    unpublished.size());
        }
        return pool.preparedQuery("DELETE FROM outbox_event WHERE id = ANY($1)")
                .execute(Tuple.of(published.toArray(Long[]::new)))
                .chain(() -> pool.preparedQuery("UPDATE outbox_event SET claimed_until = NULL WHERE id = ANY($1)")
                        .execute(Tuple.of(unpublished.toArray(Long[]::new))))
                .replaceWith(published.size());
    }

    private static List<Boolean> prepend(boolean first, List<Boolean> rest) {
        List<Boolean> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** True once the broker has acknowledged the event; false when it could not be published this time. */
    private Uni<Boolean> publish(Row row) {
        // Lead events are keyed by lead id; roster events (no lead) by their own record key, the rep id.
        UUID lead = row.getUUID("lead_id");
        String key = lead != null ? lead.toString() : row.getString("record_key");
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", bytes(row.getUUID("event_id").toString()));
        headers.add("event-type", bytes(row.getString("event_type")));
        headers.add("schema-version", bytes(Integer.toString(row.getInteger("schema_version"))));
        headers.add("occurred-at", bytes(row.getOffsetDateTime("occurred_at").toInstant().toString()));
        if (lead != null) {
            headers.add("lead-id", bytes(lead.toString()));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(key)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata))
                .replaceWith(true)
                // A backstop only: the producer answers within its own timeouts, well inside the lease.
                .ifNoItem().after(STUCK_SEND).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("event %s not published: %s", row.getUUID("event_id"), failure.toString());
                    return false;
                });
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
