package io.warmline.notification.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.notification.testing.TestInfrastructure;
import io.warmline.notification.testing.RoutingEvents;
import io.warmline.notification.testing.Tokens;
import io.warmline.platform.testing.DataKeys;
import io.warmline.platform.testing.EventSchema;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.warmline.notification.rest.AlertStreamClient;
import io.warmline.notification.service.LiveAlerts;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.warmline.notification.messaging.LeadAssignedEvents.DEAD_LETTER_TOPIC;
import static io.warmline.notification.messaging.LeadAssignedEvents.TOPIC;
import static io.warmline.notification.messaging.LeadAssignedEvents.data;
import static io.warmline.notification.messaging.LeadAssignedEvents.event;
import static io.warmline.notification.messaging.LeadAssignedEvents.lead;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LeadAssigned from the real topic to the rep's open stream, against the real Kafka and PostgreSQL the test command
 * provides. Every test uses its own rep and lead ids: the topics are shared with other services' tests.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class LeadAssignedAlertFlowTest {

    // Generous: the first test also waits for the consumer group to be assigned its partitions.
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static KafkaCompanion kafka;

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    LiveAlerts live;

    @Inject
    Pool database;

    @BeforeAll
    static void connectToKafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anAssignedLeadReachesTheRepsOpenStream() {
        String rep = newRep();
        try (AlertStreamClient stream = AlertStreamClient.open(baseUri, rep, null)) {
            assertEquals("text/event-stream", stream.response().headers().firstValue("Content-Type").orElse("")
                    .split(";")[0]);
            await().atMost(PATIENCE).until(stream::caughtUp);
            assertTrue(stream.replayed().isEmpty(), "a new rep has nothing to replay");

            UUID leadId = UUID.randomUUID();
            send(event(rep, leadId));

            await().atMost(PATIENCE).until(() -> !stream.alerts().isEmpty());
            AlertStreamClient.Event alert = stream.alerts().get(0);
            assertEquals("alert", alert.name());
            assertEquals(1, alert.position(), "the event id is the alert's position in the rep's stream");
            assertEquals(leadId.toString(), alert.data().get("leadId").asText());
            assertEquals(rep, alert.data().get("repId").asText());
            assertEquals("Sam Taylor", alert.data().get("name").asText());
            assertEquals("+447700900123", alert.data().get("phone").asText());
            assertEquals("tel:+447700900123", alert.data().get("telLink").asText());
            assertEquals("solar panels", alert.data().get("interest").asText());
            assertEquals("Has south-facing roof, wants quote", alert.data().get("notes").asText());
            assertEquals("callback_agreed", alert.data().get("signal").get("type").asText());
            assertEquals("hot", alert.data().get("tier").asText());
            assertEquals(93, alert.data().get("score").asInt());
            assertEquals("2026-11-23T16:00:00Z", alert.data().get("respondBy").asText());
            assertTrue(alert.data().get("openingLine").asText().startsWith("Hi Sam, "));
        }
    }

    @Test
    void theAlertShowsTheCallWindowTheProspectAskedFor() {
        String rep = newRep();
        UUID leadId = UUID.randomUUID();
        ObjectNode event = event(rep, leadId);
        lead(event).putObject("preferredCallWindow").put("from", "2026-11-23T18:00:00Z")
                .put("to", "2026-11-23T19:00:00Z").put("timeZone", "Europe/London");
        send(event);

        await().atMost(PATIENCE).until(() -> given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                .then().extract().jsonPath().getList("$").size() == 1);
        given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep).then().statusCode(200)
                .body("[0].callWindow.hours", org.hamcrest.Matchers.equalTo("18:00-19:00 Europe/London"))
                .body("[0].callWindow.from", org.hamcrest.Matchers.equalTo("2026-11-23T18:00:00Z"));
    }

    @Test
    void noReminderIsScheduledForAfterTheCallWindowClosesButTheEscalationsAre() {
        String rep = newRep();
        UUID leadId = UUID.randomUUID();
        ObjectNode event = event(rep, leadId);
        Instant assignedAt = Instant.parse(data(event).get("assignedAt").asText());
        // The window closes a minute after the assignment: every reminder of the policy would come after it.
        Instant windowEnd = assignedAt.plus(Duration.ofMinutes(1));
        lead(event).putObject("preferredCallWindow").put("from", assignedAt.minus(Duration.ofMinutes(30)).toString())
                .put("to", windowEnd.toString()).put("timeZone", "Europe/London");
        send(event);

        await().atMost(PATIENCE).until(() -> !timers(leadId).isEmpty());
        List<Row> timers = timers(leadId);
        assertTrue(timers.stream().noneMatch(timer -> "rep".equals(timer.getString("target"))
                && timer.getOffsetDateTime("due_at").toInstant().isAfter(windowEnd)), "a reminder after the window");
        assertTrue(timers.stream().anyMatch(timer -> "DEADLINE".equals(timer.getString("kind"))), "the deadline");
        assertTrue(timers.stream().anyMatch(timer -> "team_lead".equals(timer.getString("target"))),
                "the team lead's escalation stays");
    }

    private List<Row> timers(UUID leadId) {
        List<Row> rows = new java.util.ArrayList<>();
        database.preparedQuery("SELECT kind, target, due_at FROM notification.escalation_timer WHERE lead_id = $1")
                .execute(Tuple.of(leadId)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void aRedeliveredEventAlertsTheRepOnce() {
        String rep = newRep();
        UUID leadId = UUID.randomUUID();
        ObjectNode first = event(rep, leadId);
        ObjectNode second = event(rep, leadId);
        // A reassignment to the same rep (an event with the same number would be an older one, and alert nobody).
        data(second).put("score", 61).put("tier", "warm").put("assignmentNumber", 2);

        try (AlertStreamClient stream = AlertStreamClient.open(baseUri, rep, null)) {
            await().atMost(PATIENCE).until(stream::caughtUp);
            send(first);
            await().atMost(PATIENCE).until(() -> stream.alerts().size() == 1);
            // Same key, so the same partition: once the second event's alert exists, the redelivery was handled.
            send(first);
            send(second);
            await().atMost(PATIENCE).until(() -> stream.alerts().stream()
                    .anyMatch(alert -> alert.data().get("score").asInt() == 61));

            List<Integer> scores = given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .extract().jsonPath().getList("score", Integer.class);
            assertEquals(List.of(61, 93), scores, "one alert per event, newest first");
            assertEquals(2, stream.alerts().size(), "the redelivery pushed nothing");
        }
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheNextEventIsStillAlerted() {
        String rep = newRep();
        UUID leadId = UUID.randomUUID();
        String key = leadId.toString();
        ObjectNode withoutRep = event(rep, leadId);
        data(withoutRep).remove("repId");
        ObjectNode valid = event(rep, leadId);
        lead(valid).put("notes", "valid after poison");

        ConsumerTask<String, String> deadLetters = kafka.consumeStrings().withOffsetReset("earliest")
                .fromTopics(java.util.Set.of(DEAD_LETTER_TOPIC),
                        records -> records.select().where(record -> key.equals(record.key())));
        try {
            // All three share the key, so one partition: the valid event queues behind both poison ones.
            kafka.produceStrings().fromRecords(
                    new ProducerRecord<>(TOPIC, key, "{not json"),
                    new ProducerRecord<>(TOPIC, key, withoutRep.toString()),
                    new ProducerRecord<>(TOPIC, key, valid.toString())).awaitCompletion(PATIENCE);

            await().atMost(PATIENCE).until(() -> given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                    .then().extract().jsonPath().getList("notes").contains("valid after poison"));
            await().atMost(PATIENCE).until(() -> deadLetters.count() >= 2);

            List<ConsumerRecord<String, String>> dead = deadLetters.getRecords();
            assertEquals(List.of("{not json", withoutRep.toString()), dead.stream().map(ConsumerRecord::value).toList());
            assertTrue(KafkaCompanion.getHeader(dead.get(0).headers(), "dead-letter-reason").contains("unreadable"));
            assertTrue(KafkaCompanion.getHeader(dead.get(1).headers(), "dead-letter-reason").contains("no repId"));
            assertEquals(1, given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep).then().extract().jsonPath().getList("$").size());
        } finally {
            deadLetters.stop();
        }
    }

    @Test
    void aReconnectReplaysExactlyTheAlertsAfterTheLastEventId() {
        String rep = newRep();
        for (String interest : List.of("solar panels", "heat pumps", "batteries")) {
            ObjectNode assigned = event(rep, UUID.randomUUID());
            lead(assigned).put("interest", interest);
            send(assigned);
        }
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                .then().extract().jsonPath().getList("$").size() == 3);
        List<Long> newestFirst = given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                .then().extract().jsonPath().getList("alertId", Long.class);

        try (AlertStreamClient fresh = AlertStreamClient.open(baseUri, rep, null)) {
            await().atMost(PATIENCE).until(fresh::caughtUp);
            assertEquals(List.of(newestFirst.get(2), newestFirst.get(1), newestFirst.get(0)),
                    fresh.replayed().stream().map(AlertStreamClient.Event::alertId).toList(),
                    "without Last-Event-ID: the recent alerts, oldest first");
            assertEquals(List.of(1L, 2L, 3L), fresh.replayed().stream().map(AlertStreamClient.Event::position).toList());
        }
        try (AlertStreamClient resumed = AlertStreamClient.open(baseUri, rep, "1")) {
            await().atMost(PATIENCE).until(resumed::caughtUp);
            List<AlertStreamClient.Event> replayed = resumed.replayed();
            assertEquals(List.of(newestFirst.get(1), newestFirst.get(0)),
                    replayed.stream().map(AlertStreamClient.Event::alertId).toList());
            assertEquals(List.of("heat pumps", "batteries"),
                    replayed.stream().map(event -> event.data().get("interest").asText()).toList());

            // Live alerts follow the replay on the same stream, none repeated.
            ObjectNode later = event(rep, UUID.randomUUID());
            lead(later).put("interest", "insulation");
            send(later);
            await().atMost(PATIENCE).until(() -> resumed.alerts().size() == 3);
            assertEquals("insulation", resumed.alerts().get(2).data().get("interest").asText());
        }
    }

    @Test
    void anIdleStreamGetsKeepAlives() {
        try (AlertStreamClient stream = AlertStreamClient.open(baseUri, newRep(), null)) {
            await().atMost(PATIENCE).until(() -> stream.keepAlives() >= 2);
            assertTrue(stream.alerts().isEmpty());
        }
    }

    @Test
    void aClosedStreamLeavesNothingBehind() {
        String rep = newRep();
        AlertStreamClient stream = AlertStreamClient.open(baseUri, rep, null);
        await().atMost(PATIENCE).until(stream::caughtUp);
        assertTrue(live.isListening(rep));

        stream.close();
        await().atMost(PATIENCE).until(() -> !live.isListening(rep));
        assertFalse(live.isListening(rep));
    }

    /** The event as routing sends it for a LeadReceived v2 lead: the contact, interest and notes sealed. */
    private static ObjectNode sealed(ObjectNode event, UUID leadId, boolean keyDestroyed) {
        ObjectNode lead = lead(event);
        ObjectNode personal = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("name", "Sam Taylor").put("phone", "+447700900123").put("email", "sam@example.com")
                .put("interest", "solar panels").put("notes", "Has south-facing roof, wants quote");
        lead.set("personal", DataKeys.seal(leadId, personal));
        if (keyDestroyed) {
            DataKeys.destroy(leadId);
        }
        ((ObjectNode) lead.get("contact")).remove(List.of("name", "phone", "email"));
        lead.remove(List.of("interest", "notes"));
        event.put("schemaVersion", 2);
        EventSchema.of("routing-service", "lead-assigned.v2.json").assertValid(event.toString());
        return event;
    }

    private static List<String> alertsText(Pool database, UUID leadId) {
        List<String> texts = new java.util.ArrayList<>();
        database.preparedQuery("SELECT payload FROM notification.alert WHERE lead_id = $1 UNION ALL "
                        + "SELECT notice FROM notification.delivery WHERE lead_id = $1")
                .execute(Tuple.of(leadId)).await().indefinitely().forEach(row -> texts.add(row.getString(0)));
        return texts;
    }

    @Test
    void aSealedContactIsOpenedForTheAlertAndErasedWithTheLead() {
        String rep = newRep();
        UUID leadId = UUID.randomUUID();
        send(sealed(event(rep, leadId), leadId, false));

        await().atMost(PATIENCE).until(() -> given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                .then().extract().jsonPath().getList("$").size() == 1);
        given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep).then().statusCode(200)
                .body("[0].name", org.hamcrest.Matchers.equalTo("Sam Taylor"))
                .body("[0].phone", org.hamcrest.Matchers.equalTo("+447700900123"))
                .body("[0].notes", org.hamcrest.Matchers.equalTo("Has south-facing roof, wants quote"));

        ObjectNode erased = RoutingEvents.envelope("LeadErased", leadId, new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("reason", "request").put("erasedAt", Instant.now().toString()));
        EventSchema.of("intake-service", "lead-erased.v1.json").assertValid(erased.toString());
        RoutingEvents.send(kafka, "warmline.lead-erased", leadId.toString(), erased, PATIENCE);

        await().atMost(PATIENCE).until(() -> alertsText(database, leadId).stream()
                .noneMatch(text -> text.contains("7700900123") || text.contains("Sam") || text.contains("sam@")));
        String alerts = given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep).then().statusCode(200)
                .body("[0].tier", org.hamcrest.Matchers.equalTo("hot")).extract().asString();
        assertFalse(alerts.contains("7700900123") || alerts.contains("Sam") || alerts.contains("roof"), alerts);
    }

    @Test
    void aLeadErasedBeforeItsAlertIsAlertedWithoutItsContact() {
        String rep = newRep();
        UUID leadId = UUID.randomUUID();
        send(sealed(event(rep, leadId), leadId, true));

        await().atMost(PATIENCE).until(() -> given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                .then().extract().jsonPath().getList("$").size() == 1);
        String alerts = given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep).then().statusCode(200)
                .body("[0].tier", org.hamcrest.Matchers.equalTo("hot")).extract().asString();
        assertFalse(alerts.contains("7700900123") || alerts.contains("Sam") || alerts.contains("roof"), alerts);
    }

    private static void send(ObjectNode event) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(TOPIC, event.get("leadId").asText(), event.toString()))
                .awaitCompletion(PATIENCE);
    }

    private static String newRep() {
        return "rep-test-" + UUID.randomUUID();
    }
}
