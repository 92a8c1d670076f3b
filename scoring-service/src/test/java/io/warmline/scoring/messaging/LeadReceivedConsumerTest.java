package io.warmline.scoring.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LeadReceived in, LeadScored out, on the real broker and database. */
@QuarkusTest
class LeadReceivedConsumerTest {

    static KafkaCompanion kafka;
    static ConsumerTask<String, String> scored;
    static ConsumerTask<String, String> deadLetters;

    @Inject
    Pool database;

    @BeforeAll
    static void watchTopics() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        scored = kafka.consumeStrings().fromTopics("warmline.lead-scored");
        deadLetters = kafka.consumeStrings().fromTopics("warmline.dlq.scoring-service.lead-received");
    }

    @AfterAll
    static void stopWatching() {
        scored.stop();
        deadLetters.stop();
        kafka.close();
    }

    @Test
    void scoresAReceivedLeadWithFactorsVersionTierAndRespondBy() {
        UUID leadId = UUID.randomUUID();
        send(leadId, leadReceived(UUID.randomUUID(), leadId, "callback_agreed"));

        ConsumerRecord<String, String> event = awaitOne(leadId);
        assertThat(event.value(), containsString("\"eventType\":\"LeadScored\""));
        assertThat(event.value(), containsString("\"tier\":\"hot\""));
        assertThat(event.value(), containsString("\"modelVersion\":1"));
        assertThat(event.value(), containsString("\"respondBy\":\""));
        assertThat(event.value(), containsString("\"factors\":[{\"name\":\"signal\""));
        assertThat(event.value(), containsString("\"name\":\"Sam Taylor\""));
        EventSchema.of("scoring-service", "lead-scored.v1.json").assertValid(event.value());
    }

    @Test
    void theFixturesAreWhatIntakePublishes() {
        EventSchema.of("intake-service", "lead-received.v1.json")
                .assertValid(leadReceived(UUID.randomUUID(), UUID.randomUUID(), "demo_request"));
    }

    @Test
    void aRedeliveredEventProducesNoSecondScore() {
        UUID leadId = UUID.randomUUID();
        String event = leadReceived(UUID.randomUUID(), leadId, "demo_request");
        send(leadId, event);
        send(leadId, event);

        awaitOne(leadId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> scoredFor(leadId).size() == 1);
        assertEquals(1, database.preparedQuery("SELECT count(*) FROM lead_score WHERE lead_id = $1")
                .execute(Tuple.of(leadId)).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheNextOneIsStillScored() {
        UUID poisonLead = UUID.randomUUID();
        UUID nextLead = UUID.randomUUID();
        send(poisonLead, "{\"this is\": not json");
        send(poisonLead, leadReceived(UUID.randomUUID(), poisonLead, "no_such_signal"));
        send(nextLead, leadReceived(UUID.randomUUID(), nextLead, "referral"));

        awaitOne(nextLead);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.getRecords().stream()
                .filter(record -> poisonLead.toString().equals(record.key())).count() == 2);
        assertEquals(List.of(), scoredFor(poisonLead));
    }

    static String leadReceived(UUID eventId, UUID leadId, String signalType) {
        Instant now = Instant.now();
        return """
                {"eventId":"%s","eventType":"LeadReceived","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"vendorId":"acme","vendorLeadId":"L-%s","receivedAt":"%s",
                         "contact":{"name":"Sam Taylor","phone":"+447911123456","email":"sam@example.com"},
                         "interest":"solar panels","notes":"wants a quote",
                         "signal":{"type":"%s","occurredAt":"%s"}}}"""
                .formatted(eventId, now, leadId, leadId, now, signalType, now.minusSeconds(600));
    }

    private static void send(UUID leadId, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>("warmline.lead-received", leadId.toString(), value))
                .awaitCompletion();
    }

    private static ConsumerRecord<String, String> awaitOne(UUID leadId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !scoredFor(leadId).isEmpty());
        return scoredFor(leadId).get(0);
    }

    private static List<ConsumerRecord<String, String>> scoredFor(UUID leadId) {
        return scored.getRecords().stream().filter(record -> leadId.toString().equals(record.key())).toList();
    }
}
