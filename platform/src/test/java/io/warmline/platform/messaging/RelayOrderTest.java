package io.warmline.platform.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.probe.ProbeTopics;
import io.warmline.platform.probe.ProbeWorld;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two relays (the application's and a second replica on the same table) publish interleaved events of the same
 * leads while they are being committed: each lead's events reach the topic in commit order, each once.
 */
@QuarkusTest
class RelayOrderTest {

    static final int LEADS = 20;
    static final int EVENTS = 15;

    @Inject
    Pool database;

    @Inject
    OutboxRelay relay;

    @Inject
    Topics topics;

    @Inject
    OutboxConfig config;

    @Inject
    Vertx vertx;

    @Test
    void twoReplicasPublishEachLeadsEventsInCommitOrder() throws Exception {
        OutboxRelay replica = new OutboxRelay(database, emitterOf(relay), topics, config, new SimpleMeterRegistry());
        List<UUID> leads = IntStream.range(0, LEADS).mapToObj(i -> UUID.randomUUID()).toList();
        long nudging = vertx.setPeriodic(3, tick -> {
            replica.wake();
            relay.wake();
        });
        try (ProbeWorld world = new ProbeWorld(database)) {
            ConsumerTask<String, String> published = world.watch(ProbeTopics.ORDERED);
            for (int seq = 0; seq < EVENTS; seq++) {
                for (UUID lead : leads) {
                    commit(lead, seq);
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> leads.stream()
                    .allMatch(lead -> ProbeWorld.seqs(published, lead).size() >= EVENTS));
            List<Integer> expected = IntStream.range(0, EVENTS).boxed().toList();
            for (UUID lead : leads) {
                assertEquals(expected, ProbeWorld.seqs(published, lead), "lead " + lead + " in commit order, once");
            }
            published.stop();
        } finally {
            vertx.cancelTimer(nudging);
        }
    }

    /** One event in its own transaction, as a service's business transaction writes it. */
    private void commit(UUID lead, int seq) {
        String payload = ProbeWorld.probe(UUID.randomUUID(), lead, seq);
        database.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO outbox_event (event_id, event_type, schema_version, topic, lead_id, record_key,
                                                  occurred_at, payload)
                        VALUES (gen_random_uuid(), 'ProbeHappened', 1, $1, $2, $3, now(), $4)""")
                .execute(Tuple.of(ProbeTopics.ORDERED, lead, lead.toString(), payload)))
                .await().indefinitely();
    }

    @SuppressWarnings("unchecked")
    static io.smallrye.reactive.messaging.MutinyEmitter<String> emitterOf(OutboxRelay relay) throws Exception {
        var field = OutboxRelay.class.getDeclaredField("emitter");
        field.setAccessible(true);
        Object target = relay;
        // The injected bean is a client proxy: read the field of the instance behind it.
        if (relay instanceof io.quarkus.arc.ClientProxy proxy) {
            target = proxy.arc_contextualInstance();
        }
        return (io.smallrye.reactive.messaging.MutinyEmitter<String>) field.get(target);
    }
}
