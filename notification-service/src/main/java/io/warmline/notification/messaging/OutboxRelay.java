package io.warmline.notification.messaging;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka. It is woken right after each commit that wrote an event, so publishing adds no
 * polling delay; the periodic sweep only catches rows left behind by a crash or a broker outage.
 *
 * <p>Rows are leased (not locked across the network call), published, then deleted. Several replicas may run the
 * relay at once: {@code FOR UPDATE SKIP LOCKED} and the lease keep each row with one of them. A crash between the
 * broker's acknowledgement and the delete republishes the row, which consumers drop by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final String CLAIM = """
            UPDATE outbox_event SET claimed_until = now() + interval '30 seconds'
             WHERE id IN (SELECT id FROM outbox_event
                           WHERE claimed_until IS NULL OR claimed_until < now()
                           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_id, event_type, schema_version, topic, lead_id, occurred_at, payload""";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private final AtomicLong backlog = new AtomicLong();

    OutboxRelay(Pool pool, @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        Gauge.builder("warmline.outbox.backlog", backlog, AtomicLong::get)
                .description("Events written and not yet published (refreshed at each sweep)")
                .register(registry);
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
            pool.query("SELECT count(*) FROM outbox_event").execute().subscribe().with(
                    rows -> backlog.set(rows.iterator().next().getLong(0)), failure -> { });
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
            List<Uni<Void>> sends = claimed.stream().map(this::publish).toList();
            Long[] ids = claimed.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
            return Uni.join().all(sends).andFailFast()
                    .chain(() -> pool.preparedQuery("DELETE FROM outbox_event WHERE id = ANY($1)")
                            .execute(Tuple.of(ids)))
                    .replaceWith(claimed.size());
        });
    }

    private Uni<Void> publish(Row row) {
        String leadId = row.getUUID("lead_id").toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", bytes(row.getUUID("event_id").toString()));
        headers.add("event-type", bytes(row.getString("event_type")));
        headers.add("schema-version", bytes(Integer.toString(row.getInteger("schema_version"))));
        headers.add("occurred-at", bytes(row.getOffsetDateTime("occurred_at").toInstant().toString()));
        headers.add("lead-id", bytes(leadId));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(leadId)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
