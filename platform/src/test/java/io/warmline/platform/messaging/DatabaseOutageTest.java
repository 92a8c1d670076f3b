package io.warmline.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.probe.ProbeTopics;
import io.warmline.platform.probe.ProbeWorld;
import io.warmline.platform.testing.Stack;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PostgreSQL really stops for 12 seconds (six times the consumers' longest backoff in tests, 2 s) while events keep
 * arriving: the consumer waits the fault out (its channel says so), then applies every event once and in each lead's
 * order, and publishes what each announces; nothing is dead-lettered. (The fault suite, deploy/faults, stops PostgreSQL
 * under load with the four services running.)
 */
@QuarkusTest
class DatabaseOutageTest {

    static final int LEADS = 5;
    static final int BEFORE = 2;
    static final int DURING = 8;
    static final Duration OUTAGE = Duration.ofSeconds(12);

    @Inject
    Pool database;

    @Inject
    ConsumerHealth health;

    @Inject
    MeterRegistry meters;

    @Test
    void everyEventArrivingWhileTheDatabaseIsDownIsAppliedOnceInOrderAfterItComesBack() throws Exception {
        List<UUID> leads = IntStream.range(0, LEADS).mapToObj(i -> UUID.randomUUID()).toList();
        double deadLettersBefore = deadLetters();
        try (ProbeWorld world = new ProbeWorld(database)) {
            ConsumerTask<String, String> echoes = world.watch(ProbeTopics.ECHO);
            for (int seq = 0; seq < BEFORE; seq++) {
                for (UUID lead : leads) {
                    world.send(lead, seq);
                }
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> leads.stream().allMatch(lead -> world.applied(lead).size() == BEFORE));
            // ... and published: their outbox rows gone. The relay publishes, then deletes the row; a database stopped
            // in between makes it publish that event again after the restart (at-least-once, by design), which is
            // not what this test is about. (A container stops within milliseconds of the call; the local stack's
            // pg_ctl, through a script, took about a second, which hid this.)
            await().atMost(Duration.ofSeconds(60)).until(() -> outboxRows(leads) == 0);

            long stoppedAt = System.nanoTime();
            Stack.stopDatabase();
            try {
                for (int seq = BEFORE; seq < BEFORE + DURING; seq++) {
                    for (UUID lead : leads) {
                        world.send(lead, seq);
                    }
                }
                await().atMost(OUTAGE).until(() -> health.isWaiting("probe"));
                // A real outage of the stated length: the point is that retries outlast it, not how fast they are.
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis()));
            } finally {
                Stack.startDatabase();
            }

            List<Integer> expected = IntStream.range(0, BEFORE + DURING).boxed().toList();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> leads.stream().allMatch(lead -> world.applied(lead).size() >= expected.size()));
            for (UUID lead : leads) {
                assertEquals(expected, world.applied(lead), "lead " + lead + ": each event once, in order");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> leads.stream()
                    .allMatch(lead -> ProbeWorld.seqs(echoes, lead).size() >= expected.size()));
            for (UUID lead : leads) {
                assertEquals(expected, ProbeWorld.seqs(echoes, lead), "lead " + lead + ": echoes published in order");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !health.isWaiting("probe"));
            assertEquals(deadLettersBefore, deadLetters(), "nothing was dead-lettered");
            echoes.stop();
        }
    }

    private long outboxRows(List<UUID> leads) {
        return database.preparedQuery("SELECT count(*) FROM outbox_event WHERE lead_id = ANY($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(leads.toArray(UUID[]::new))).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private double deadLetters() {
        Counter counter = meters.find("warmline.dead.letters").tag("channel", "probe").counter();
        return counter == null ? 0 : counter.count();
    }
}
