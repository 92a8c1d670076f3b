package io.warmline.routing.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.testing.EventSchema;
import io.warmline.routing.rest.Tokens;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LeadScored in, LeadAssigned out (or the queue), on the real broker and database. */
@QuarkusTest
class LeadScoredConsumerTest {

    static KafkaCompanion kafka;
    static ConsumerTask<String, String> assigned;
    static ConsumerTask<String, String> deadLetters;

    @Inject
    Pool database;

    final String repId = "rep-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void watchTopics() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        assigned = kafka.consumeStrings().fromTopics("warmline.lead-assigned");
        deadLetters = kafka.consumeStrings().fromTopics("warmline.dlq.routing-service.lead-scored");
    }

    @AfterAll
    static void stopWatching() {
        assigned.stop();
        deadLetters.stop();
        kafka.close();
    }

    @BeforeEach
    void onlyThisTestsRepIsAround() {
        new Routed(database).onlyNewRepsInPlay();
        Tokens.saveRep(repId, "{\"name\":\"Alex Morgan\",\"capacity\":1}");
    }

    @Test
    void assignsAScoredLeadToTheAvailableRep() {
        presence("available");
        UUID leadId = UUID.randomUUID();
        send(leadId, leadScored(UUID.randomUUID(), leadId, "hot", 93));

        ConsumerRecord<String, String> event = awaitOne(leadId);
        assertThat(event.value(), containsString("\"eventType\":\"LeadAssigned\""));
        assertThat(event.value(), containsString("\"repId\":\"" + repId + "\""));
        assertThat(event.value(), containsString("\"name\":\"Sam Taylor\""));
        assertThat(event.value(), containsString("\"reason\":\"least loaded"));
        EventSchema.of("routing-service", "lead-assigned.v2.json").assertValid(event.value());
        Tokens.as(Tokens.operator()).get("/reps/{id}", repId).then().body("openLeads", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aRedeliveredEventAssignsOnce() {
        presence("available");
        UUID leadId = UUID.randomUUID();
        String event = leadScored(UUID.randomUUID(), leadId, "warm", 60);
        send(leadId, event);
        send(leadId, event);

        awaitOne(leadId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> assignedFor(leadId).size() == 1);
        assertEquals(1, count("SELECT count(*) FROM assignment WHERE lead_id = $1", leadId));
    }

    @Test
    void queuesWhenNoRepIsAvailableAndAssignsTheWarmestWhenOneTurnsAvailable() {
        UUID cooler = UUID.randomUUID();
        UUID warmer = UUID.randomUUID();
        send(cooler, leadScored(UUID.randomUUID(), cooler, "warm", 55));
        send(warmer, leadScored(UUID.randomUUID(), warmer, "hot", 90));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM waiting_lead WHERE lead_id IN ($1, $2)", cooler, warmer) == 2);

        presence("available");

        awaitOne(warmer);
        assertEquals(List.of(), assignedFor(cooler), "capacity 1: only the warmest lead is taken");
        assertEquals(1, count("SELECT count(*) FROM waiting_lead WHERE lead_id = $1", cooler));
    }

    @Test
    void aReScoreReordersTheQueue() {
        UUID cooler = UUID.randomUUID();
        UUID warmer = UUID.randomUUID();
        send(cooler, leadScored(UUID.randomUUID(), cooler, "warm", 55));
        send(warmer, leadScored(UUID.randomUUID(), warmer, "hot", 90));
        send(cooler, leadScored(UUID.randomUUID(), cooler, "hot", 97));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM waiting_lead WHERE lead_id = $1 AND score = 97", cooler) == 1);

        presence("available");

        awaitOne(cooler);
        assertEquals(List.of(), assignedFor(warmer));
    }

    @Test
    void aReScoreOfAnAssignedLeadNeverRoutesItAgain() {
        presence("available");
        UUID leadId = UUID.randomUUID();
        send(leadId, leadScored(UUID.randomUUID(), leadId, "hot", 90));
        awaitOne(leadId);
        Tokens.saveRep(repId, "{\"name\":\"Alex Morgan\",\"capacity\":5}");

        send(leadId, leadScored(UUID.randomUUID(), leadId, "warm", 70));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> assignedFor(leadId).size() == 1);
        assertEquals(1, count("SELECT count(*) FROM assignment WHERE lead_id = $1", leadId));
    }

    @Test
    void aColdLeadIsNotRouted() {
        presence("available");
        UUID cold = UUID.randomUUID();
        UUID hot = UUID.randomUUID();
        send(cold, leadScored(UUID.randomUUID(), cold, "cold", 10));
        send(hot, leadScored(UUID.randomUUID(), hot, "hot", 90));
        awaitOne(hot);
        assertEquals(List.of(), assignedFor(cold));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheNextOneIsStillRouted() {
        presence("available");
        UUID poison = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        send(poison, "not json at all");
        send(next, leadScored(UUID.randomUUID(), next, "hot", 90));

        awaitOne(next);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.getRecords().stream()
                .anyMatch(record -> poison.toString().equals(record.key())));
    }

    @Test
    void theFixturesAreWhatScoringPublishes() {
        EventSchema.of("scoring-service", "lead-scored.v1.json")
                .assertValid(leadScored(UUID.randomUUID(), UUID.randomUUID(), "hot", 90));
    }

    @Test
    void aLeadWithoutConsentToBeCalledIsClosedAndNeverAssigned() {
        presence("available");
        ConsumerTask<String, String> closed = kafka.consumeStrings().fromTopics("warmline.lead-closed");
        try {
            UUID refused = UUID.randomUUID();
            UUID missing = UUID.randomUUID();
            send(refused, leadScored(UUID.randomUUID(), refused, "hot", 93)
                    .replace("\"consent\":{\"granted\":true}", "\"consent\":{\"granted\":false}"));
            // An event from before consent was carried: read, not poison, and treated as no consent.
            send(missing, leadScored(UUID.randomUUID(), missing, "hot", 93)
                    .replace("\"consent\":{\"granted\":true},", ""));

            for (UUID leadId : List.of(refused, missing)) {
                ConsumerRecord<String, String> closure = Routed.awaitOne(closed, leadId);
                assertThat(closure.value(), containsString("\"reason\":\"no_consent\""));
                assertThat(closure.value(), containsString("\"repId\":null"));
                EventSchema.of("routing-service", "lead-closed.v1.json").assertValid(closure.value());
                // Closed in the transaction that would have assigned it: no assignment, no LeadAssigned, no alert.
                assertEquals(0, count("SELECT count(*) FROM assignment WHERE lead_id = $1", leadId));
                assertEquals(0, count("SELECT count(*) FROM waiting_lead WHERE lead_id = $1", leadId));
                Tokens.as(Tokens.operator()).get("/leads/{id}/timeline", leadId).then()
                        .body("kind", org.hamcrest.Matchers.hasItem("closed"));
            }
            Tokens.as(Tokens.operator()).get("/reps/{id}", repId).then()
                    .body("openLeads", org.hamcrest.Matchers.equalTo(0));
            assertEquals(0, deadLetters.getRecords().stream()
                    .filter(record -> List.of(refused.toString(), missing.toString()).contains(record.key())).count());
        } finally {
            closed.stop();
        }
    }

    @Test
    void aLeadWhoseCallWindowOpensLaterWaitsForItThenGoesToARepWithItsRespondByCountedFromTheWindow() {
        Instant from = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant to = from.plus(Duration.ofHours(1));
        UUID windowed = UUID.randomUUID();
        UUID now = UUID.randomUUID();
        // Nobody available yet: both wait, the windowed lead the warmer one and offered to nobody before its window.
        send(windowed, leadScored(UUID.randomUUID(), windowed, "hot", 95).replace("\"consent\":{\"granted\":true},",
                "\"consent\":{\"granted\":true},\"preferredCallWindow\":{\"from\":\"" + from + "\",\"to\":\"" + to
                        + "\",\"timeZone\":\"Europe/London\"},"));
        send(now, leadScored(UUID.randomUUID(), now, "warm", 60));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM waiting_lead WHERE lead_id = $1"
                + " AND not_before IS NULL", now) == 1);
        assertEquals(1, count("SELECT count(*) FROM waiting_lead WHERE lead_id = $1 AND not_before = $2", windowed,
                from.atOffset(java.time.ZoneOffset.UTC)));
        String onTheBoard = "find { it.leadId == '" + windowed + "' }";
        Tokens.as(Tokens.operator()).get("/queue").then().statusCode(200)
                .body(onTheBoard + ".notBefore", org.hamcrest.Matchers.equalTo(from.toString()))
                .body(onTheBoard + ".waitSeconds", org.hamcrest.Matchers.equalTo(0));

        // The rep (room for one) takes the cooler lead: the warmer one's window has not opened.
        presence("available");
        awaitOne(now);
        assertEquals(0, count("SELECT count(*) FROM assignment WHERE lead_id = $1", windowed));

        // The clock reaches the window (the row's not_before moved to the past stands in for it): a second rep on
        // shift gets it, with the tier's allowance counted from the window's start (the fixture's respond-by is
        // 3000 s after its score).
        database.preparedQuery("UPDATE waiting_lead SET not_before = now() - interval '1 second' WHERE lead_id = $1")
                .execute(Tuple.of(windowed)).await().indefinitely();
        String second = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        Tokens.saveRep(second, "{\"name\":\"Jo Evening\",\"capacity\":1}");
        Tokens.presence(second, "default", "available");
        ConsumerRecord<String, String> event = awaitOne(windowed);
        assertThat(event.value(), containsString("\"repId\":\"" + second + "\""));
        assertThat(event.value(), containsString("\"respondBy\":\"" + from.plusSeconds(3000) + "\""));
    }

    @Test
    void aLeadErasedByIntakeLosesItsContactAndItsCallNotesHere() {
        presence("available");
        UUID leadId = UUID.randomUUID();
        send(leadId, leadScored(UUID.randomUUID(), leadId, "hot", 93));
        awaitOne(leadId);
        Tokens.as(Tokens.rep(repId, "default")).body("{\"outcome\":\"connected\",\"notes\":\"Sam's wife answered\","
                + "\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\"" + Instant.now().plusSeconds(86_400) + "\"}}")
                .post("/leads/{id}/follow-ups", leadId).then().statusCode(201);
        assertEquals(1, count("SELECT count(*) FROM follow_up WHERE lead_id = $1 AND notes IS NOT NULL", leadId));

        String erased = """
                {"eventId":"%s","eventType":"LeadErased","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"reason":"request","erasedAt":"%s"}}""".formatted(UUID.randomUUID(), Instant.now(), leadId,
                Instant.now());
        EventSchema.of("intake-service", "lead-erased.v1.json").assertValid(erased);
        kafka.produceStrings().fromRecords(new ProducerRecord<>("warmline.lead-erased", leadId.toString(), erased))
                .awaitCompletion();

        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM follow_up WHERE lead_id = $1 "
                + "AND notes IS NULL", leadId) == 1);
        assertEquals(1, count("SELECT count(*) FROM routed_lead WHERE lead_id = $1 AND lead NOT LIKE '%Sam Taylor%' "
                + "AND lead NOT LIKE '%7911%' AND lead NOT LIKE '%sam@%' AND lead NOT LIKE '%quote%' "
                + "AND lead::jsonb -> 'consent' ->> 'granted' = 'true'", leadId), "what routing needs stays");
        String file = Tokens.as(Tokens.operator()).get("/leads/{id}/follow-ups", leadId).then().statusCode(200)
                .extract().asString();
        assertThat(file, org.hamcrest.Matchers.not(containsString("wife")));
    }

    static String leadScored(UUID eventId, UUID leadId, String tier, int score) {
        Instant now = Instant.now();
        return """
                {"eventId":"%s","eventType":"LeadScored","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"score":%d,"tier":"%s","modelVersion":1,"respondBy":"%s","scoredAt":"%s",
                         "factors":[{"name":"signal","points":%d,"reason":"test"}],
                         "lead":{"vendorId":"acme","vendorLeadId":"L-%s","receivedAt":"%s",
                                 "contact":{"name":"Sam Taylor","phone":"+447911123456","email":"sam@example.com"},
                                 "interest":"solar panels","notes":"wants a quote","consent":{"granted":true},
                                 "signal":{"type":"callback_agreed","occurredAt":"%s"}}}}"""
                .formatted(eventId, now, leadId, score, tier, now.plusSeconds(3000), now, score, leadId, now,
                        now.minusSeconds(600));
    }

    private void presence(String status) {
        Tokens.presence(repId, "default", status);
    }

    private long count(String sql, Object... parameters) {
        return database.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private static void send(UUID leadId, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>("warmline.lead-scored", leadId.toString(), value))
                .awaitCompletion();
    }

    private static ConsumerRecord<String, String> awaitOne(UUID leadId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !assignedFor(leadId).isEmpty());
        return assignedFor(leadId).get(0);
    }

    private static List<ConsumerRecord<String, String>> assignedFor(UUID leadId) {
        return assigned.getRecords().stream().filter(record -> leadId.toString().equals(record.key())).toList();
    }
}
