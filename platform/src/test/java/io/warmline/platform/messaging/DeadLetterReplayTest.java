package io.warmline.platform.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.probe.ProbeConsumer;
import io.warmline.platform.probe.ProbeTopics;
import io.warmline.platform.probe.ProbeWorld;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A poison event goes to the dead-letter topic at once with its reason and origin, the next event of its lead is
 * applied; after the fix an operator replays the channel's dead letters: the event is applied once, a second
 * replay finds nothing new, and a redelivery changes nothing.
 */
@QuarkusTest
class DeadLetterReplayTest {

    @Inject
    Pool database;

    @Inject
    ProbeConsumer consumer;

    @Test
    void aDeadLetterIsReplayedAfterTheFixAndAppliedOnce() {
        UUID lead = UUID.randomUUID();
        String refusedEvent = ProbeWorld.probe(UUID.randomUUID(), lead, 0);
        try (ProbeWorld world = new ProbeWorld(database)) {
            ConsumerTask<String, String> deadLetters = world.watch(ProbeTopics.DEAD_LETTERS);
            consumer.refuse(lead);
            world.send(lead, refusedEvent);
            await().atMost(Duration.ofSeconds(30)).until(() -> forLead(deadLetters, lead).size() == 1);
            ConsumerRecord<String, String> deadLetter = forLead(deadLetters, lead).get(0);
            assertEquals(ProbeTopics.PROBE, header(deadLetter, "dead-letter-topic"));
            assertEquals(refusedEvent, deadLetter.value());

            consumer.accept(lead);
            world.send(lead, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> world.applied(lead).equals(List.of(1)));

            given().auth().oauth2(ParkedEventTest.operator()).post("/operations/dead-letters/probe/replay")
                    .then().statusCode(200).body("replayed", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("deadLetterTopic", equalTo(ProbeTopics.DEAD_LETTERS));
            await().atMost(Duration.ofSeconds(30)).until(() -> world.applied(lead).equals(List.of(1, 0)));

            given().auth().oauth2(ParkedEventTest.operator()).post("/operations/dead-letters/probe/replay")
                    .then().statusCode(200).body("replayed", equalTo(0));
            world.send(lead, refusedEvent);
            world.send(lead, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> world.applied(lead).size() == 3);
            assertEquals(List.of(1, 0, 2), world.applied(lead), "the redelivered event changed nothing");

            given().auth().oauth2(ParkedEventTest.operator()).post("/operations/dead-letters/nonesuch/replay")
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:warmline:problem:unknown-channel"));
            deadLetters.stop();
        }
    }

    private static List<ConsumerRecord<String, String>> forLead(ConsumerTask<String, String> task, UUID lead) {
        return task.getRecords().stream().filter(record -> lead.toString().equals(record.key())).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
