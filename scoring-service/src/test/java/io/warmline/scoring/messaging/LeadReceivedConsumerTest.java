package io.warmline.scoring.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.testing.EventSchema;
import io.warmline.scoring.rest.Operators;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.warmline.scoring.messaging.Broker.LEAD_RECEIVED;
import static io.warmline.scoring.messaging.Fixtures.leadReceived;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeadReceived in, LeadScored out, on the real broker and database. */
@QuarkusTest
class LeadReceivedConsumerTest {

    static final EventSchema LEAD_SCORED = EventSchema.of("scoring-service", "lead-scored.v1.json");
    final Broker broker = Broker.shared();

    @Inject
    Pool database;

    @Test
    void scoresAReceivedLeadWithFactorsVersionTierAndRespondBy() {
        UUID leadId = UUID.randomUUID();
        Instant signalAt = Instant.now().minus(Duration.ofMinutes(10));
        broker.send(LEAD_RECEIVED, leadId, leadReceived(UUID.randomUUID(), leadId, "callback_agreed", signalAt,
                "wants a quote", null));

        JsonNode event = broker.awaitScored(leadId);
        LEAD_SCORED.assertValid(broker.rawScored(leadId, 0));
        JsonNode data = event.get("data");
        assertEquals("LeadScored", event.get("eventType").asText());
        assertEquals("received", data.get("trigger").asText());
        assertEquals("hot", data.get("tier").asText());
        assertEquals(activeModelVersion(), data.get("modelVersion").asInt());
        assertEquals(signalAt.plus(Duration.ofHours(1)), Instant.parse(data.get("respondBy").asText()));
        assertEquals(List.of("signal:callback_agreed", "qualifying-notes"), factorNames(data));
        assertEquals(data.get("score").asInt(), pointsOf(data));
        assertEquals("Sam Taylor", data.at("/lead/contact/name").asText());
    }

    @Test
    void theFixturesAreWhatIntakePublishes() {
        EventSchema schema = EventSchema.of("intake-service", "lead-received.v1.json");
        schema.assertValid(leadReceived(UUID.randomUUID(), "demo_request", Instant.now()));
        schema.assertValid(leadReceived(UUID.randomUUID(), UUID.randomUUID(), "referral", Instant.now(), "notes",
                "\"linkedLeadId\":\"" + UUID.randomUUID() + "\""));
    }

    @Test
    void aRedeliveredEventProducesNoSecondScore() {
        UUID leadId = UUID.randomUUID();
        String event = leadReceived(leadId, "demo_request", Instant.now());
        broker.send(LEAD_RECEIVED, leadId, event);
        broker.send(LEAD_RECEIVED, leadId, event);

        broker.awaitScored(leadId);
        broker.assertScoredTimes(leadId, 1);
        assertEquals(1, count("SELECT count(*) FROM lead_score WHERE lead_id = $1", leadId));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheNextOneIsStillScored() {
        UUID poisonLead = UUID.randomUUID();
        UUID nextLead = UUID.randomUUID();
        broker.send(LEAD_RECEIVED, poisonLead, "{\"this is\": not json");
        broker.send(LEAD_RECEIVED, poisonLead, leadReceived(poisonLead, "no_such_signal", Instant.now()));
        broker.send(LEAD_RECEIVED, nextLead, leadReceived(nextLead, "referral", Instant.now()));

        broker.awaitScored(nextLead);
        broker.awaitDeadLetters(poisonLead, 2);
        assertEquals(List.of(), broker.scoredFor(poisonLead));
    }

    @Test
    void severalSignalsInOneEventAreScoredTogether() {
        UUID leadId = UUID.randomUUID();
        Instant now = Instant.now();
        broker.send(LEAD_RECEIVED, leadId, leadReceived(UUID.randomUUID(), leadId, "pricing_page_visit", now, null,
                "\"signals\":[{\"type\":\"webinar_attended\",\"occurredAt\":\"%s\"}]".formatted(now)));

        JsonNode data = broker.awaitScored(leadId).get("data");
        assertEquals(List.of("signal:pricing_page_visit", "signal:webinar_attended"), factorNames(data));
        assertTrue(data.get("score").asInt() > 55, "two medium signals outrank one: " + data.get("score"));
    }

    @Test
    void theSamePersonAgainRaisesTheEarlierLeadsScoreAndIsNotRoutedSeparately() {
        UUID earlier = UUID.randomUUID();
        UUID again = UUID.randomUUID();
        broker.send(LEAD_RECEIVED, earlier, leadReceived(earlier, "webinar_attended",
                Instant.now().minus(Duration.ofDays(1))));
        int first = broker.awaitScored(earlier).at("/data/score").asInt();

        broker.send(LEAD_RECEIVED, again, linkedLead(again, earlier, "demo_request"));

        JsonNode update = broker.awaitScored(earlier, event -> event.at("/data/trigger").asText().equals("new-signal"));
        LEAD_SCORED.assertValid(broker.rawScored(earlier, 1));
        assertTrue(update.at("/data/score").asInt() > first, update.at("/data/score") + " > " + first);
        assertEquals("L-" + earlier, update.at("/data/lead/vendorLeadId").asText(), "the earlier lead's details");
        broker.assertScoredTimes(again, 0);
        Operators.operator().get("/leads/{id}/scores", again).then().statusCode(200)
                .body("linkedTo", equalTo(earlier.toString()))
                .body("scores.trigger", contains("received", "new-signal"))
                .body("scores[1].sourceLeadId", equalTo(again.toString()));
    }

    @Test
    void aLinkedLeadThatArrivesFirstCountsInTheEarlierLeadsFirstScore() {
        UUID earlier = UUID.randomUUID();
        UUID again = UUID.randomUUID();
        broker.send(LEAD_RECEIVED, again, linkedLead(again, earlier, "pricing_page_visit"));
        await().atMost(Broker.PATIENCE).until(() ->
                count("SELECT count(*) FROM lead_evidence WHERE source_lead_id = $1", again) == 1);
        broker.send(LEAD_RECEIVED, earlier, leadReceived(earlier, "referral", Instant.now()));

        JsonNode data = broker.awaitScored(earlier).get("data");
        assertEquals("received", data.get("trigger").asText());
        assertEquals(List.of("signal:referral", "signal:pricing_page_visit"), factorNames(data));
        broker.assertScoredTimes(earlier, 1);
        assertEquals(List.of(), broker.scoredFor(again));
    }

    private static String linkedLead(UUID leadId, UUID linkedTo, String signalType) {
        return leadReceived(UUID.randomUUID(), leadId, signalType, Instant.now(), null,
                "\"linkedLeadId\":\"" + linkedTo + "\"");
    }

    static List<String> factorNames(JsonNode data) {
        return StreamSupport.stream(data.get("factors").spliterator(), false)
                .map(factor -> factor.get("name").asText()).toList();
    }

    static int pointsOf(JsonNode data) {
        return StreamSupport.stream(data.get("factors").spliterator(), false)
                .mapToInt(factor -> factor.get("points").asInt()).sum();
    }

    static int activeModelVersion() {
        Integer version = Operators.operator().get("/models/active").then().statusCode(200).extract().path("version");
        assertNotNull(version);
        return version;
    }

    private long count(String sql, UUID leadId) {
        return database.preparedQuery(sql).execute(Tuple.of(leadId)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
