package io.warmline.platform.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.probe.ProbeConsumer;
import io.warmline.platform.probe.ProbeTopics;
import io.warmline.platform.probe.ProbeWorld;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poll's records are applied in one transaction, in order, each event once; when one of them fails the
 * transaction leaves nothing and the events are applied again one by one: the failing one dead-lettered, the others
 * applied once each. The batch is acknowledged after that. (The probe channel's own flow through Kafka, in batches,
 * is what the other messaging tests exercise; here the batch is made by hand so its content is known.)
 */
@QuarkusTest
class BatchApplyTest {

    @Inject
    EventReader reader;

    @Inject
    ProbeConsumer consumer;

    @Inject
    Vertx vertx;

    @Inject
    Pool database;

    @Test
    void aPollIsAppliedInOneTransactionInOrderAndOnce() throws Exception {
        UUID alex = UUID.randomUUID();
        UUID bea = UUID.randomUUID();
        UUID repeated = UUID.randomUUID();
        HandBatch batch = new HandBatch();
        batch.add(alex, ProbeWorld.probe(UUID.randomUUID(), alex, 1));
        batch.add(bea, ProbeWorld.probe(UUID.randomUUID(), bea, 1));
        batch.add(alex, ProbeWorld.probe(repeated, alex, 2));
        batch.add(alex, "{not json");
        batch.add(alex, ProbeWorld.probe(repeated, alex, 2));
        batch.add(bea, ProbeWorld.probe(UUID.randomUUID(), bea, 2));
        batch.add(alex, ProbeWorld.probe(UUID.randomUUID(), alex, 3));

        apply(batch);

        assertEquals(List.of(1, 2, 3), applied(alex), "alex's events once each, in order; the second copy skipped");
        assertEquals(List.of(1, 2), applied(bea));
        assertEquals(1, transactions(alex, bea).size(), "one transaction for the whole poll");
        assertEquals(List.of(3), batch.deadLettered, "only the unreadable record is dead-lettered");
        assertEquals(1, batch.acks.get(), "the batch acknowledged once");

        // Applying the same poll again (a redelivery after a crash before the offsets were committed) changes nothing.
        HandBatch again = new HandBatch();
        batch.records.forEach(record -> again.add(UUID.fromString(record.getKey()), record.getPayload()));
        apply(again);
        assertEquals(List.of(1, 2, 3), applied(alex));
        assertEquals(List.of(1, 2), applied(bea));
    }

    @Test
    void aFailingEventSendsTheRestOneByOneAndOnlyItToTheDeadLetters() throws Exception {
        UUID carla = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        consumer.refuse(refused);
        HandBatch batch = new HandBatch();
        batch.add(carla, ProbeWorld.probe(UUID.randomUUID(), carla, 1));
        batch.add(refused, ProbeWorld.probe(UUID.randomUUID(), refused, 1));
        batch.add(carla, ProbeWorld.probe(UUID.randomUUID(), carla, 2));

        apply(batch);

        assertEquals(List.of(1, 2), applied(carla), "applied once each, in order, though the batch was rolled back");
        assertEquals(List.of(), applied(refused));
        assertEquals(2, transactions(carla).size(), "one by one after the batch failed");
        assertEquals(List.of(1), batch.deadLettered);
        assertEquals(1, batch.acks.get());
        consumer.accept(refused);
    }

    /** Runs the reader on a consumer-like Vert.x context (duplicated, safe for Hibernate Reactive), as a channel does. */
    private void apply(HandBatch batch) throws Exception {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(ignored -> reader.apply("probe", batch, handlers())
                .subscribe().with(done::complete, done::completeExceptionally));
        done.get(60, TimeUnit.SECONDS);
    }

    private EventHandlers handlers() {
        return consumer.handlers();
    }

    private List<Integer> applied(UUID lead) {
        try (ProbeWorld world = new ProbeWorld(database)) {
            return world.applied(lead);
        }
    }

    private Set<Long> transactions(UUID... leads) {
        Set<Long> transactions = new HashSet<>();
        for (UUID lead : leads) {
            for (Row row : database.preparedQuery("SELECT tx FROM probe_applied WHERE lead_id = $1")
                    .execute(Tuple.of(lead)).await().indefinitely()) {
                transactions.add(row.getLong("tx"));
            }
        }
        return transactions;
    }

    /** A poll made by hand: its records, which of them were dead-lettered (nacked), how often it was acked. */
    private static final class HandBatch implements KafkaRecordBatch<String, String> {

        final List<KafkaRecord<String, String>> records = new ArrayList<>();
        final List<Integer> deadLettered = new CopyOnWriteArrayList<>();
        final AtomicInteger acks = new AtomicInteger();

        void add(UUID lead, String payload) {
            int index = records.size();
            records.add(KafkaRecord.<String, String>of(ProbeTopics.PROBE, lead.toString(), payload)
                    .withNack(failure -> {
                        deadLettered.add(index);
                        return CompletableFuture.completedFuture(null);
                    }));
        }

        @Override
        public List<String> getPayload() {
            return records.stream().map(KafkaRecord::getPayload).toList();
        }

        @Override
        public List<KafkaRecord<String, String>> getRecords() {
            return records;
        }

        @Override
        public Map<TopicPartition, KafkaRecord<String, String>> getLatestOffsetRecords() {
            return Map.of();
        }

        @Override
        public Iterator<KafkaRecord<String, String>> iterator() {
            return records.iterator();
        }

        @Override
        public CompletionStage<Void> ack(Metadata metadata) {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
    }
}
