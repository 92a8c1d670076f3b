package io.warmline.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.warmline.notification.channel.SseChannel;
import io.warmline.notification.domain.Notice;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.notification.rest.AlertStreamClient;
import io.warmline.notification.testing.RoutingEvents;
import io.warmline.notification.testing.TestInfrastructure;
import io.warmline.notification.testing.Tokens;
import io.warmline.platform.testing.EventSchema;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance 3, in accelerated time: a policy with offsets in seconds, from the assignment through two reminders,
 * the team-lead escalation (a real email, read back from the SMTP server) and the deadline; then the same flow
 * stopped by a follow-up after the first reminder. Real Kafka and PostgreSQL; produced events checked against the
 * schemas this service owns.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class EscalationFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> PRODUCED = List.of(RepAlerted.TOPIC, ReminderSent.TOPIC, LeadEscalated.TOPIC,
            DeadlineLapsed.TOPIC);
    // Steps 3 s apart after the first, so the follow-up (a Kafka round trip) lands between reminders 1 and 2.
    private static final String POLICY = """
            {"steps":[{"offset":"PT1S","target":"rep","message":"Call now"},
                      {"offset":"PT4S","target":"rep","message":"Still not called"},
                      {"offset":"PT5S","target":"team_lead","message":"Not called after 5 s"}],
             "deadline":"PT6S"}""";
    private static KafkaCompanion kafka;
    private final ObjectMapper json = new ObjectMapper();

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Pool database;
    @Inject
    SseChannel stream;
    @Inject
    ObjectMapper notices;

    @BeforeAll
    static void connectToKafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void withoutAFollowUpTheLeadIsRemindedEscalatedAndLapses() throws Exception {
        Scenario scenario = newScenario();
        String rep = scenario.rep();
        String teamLead = scenario.teamLead();
        UUID leadId = scenario.leadId();
        ConsumerTask<String, String> events = events(leadId);
        try (AlertStreamClient stream = AlertStreamClient.open(baseUri, rep, null)) {
            await().atMost(PATIENCE).until(stream::caughtUp);
            send(LeadAssignedEvents.TOPIC, leadId.toString(), assigned(rep, leadId, scenario.team(), 1));

            await().atMost(PATIENCE).until(() -> ofType(events, DeadlineLapsed.TYPE).size() == 1);
            await().atMost(PATIENCE).until(() -> ofType(events, LeadEscalated.TYPE).size() == 2);
            await().atMost(PATIENCE).until(() -> stream.alerts().size() == 3);

            assertEquals(List.of("alert", "reminder", "reminder"),
                    stream.alerts().stream().map(AlertStreamClient.Event::name).toList());
            assertEquals("Still not called", stream.alerts().get(2).data().get("message").asText());
            assertEquals("Sam Taylor", stream.alerts().get(2).data().get("name").asText(), "the call content again");

            assertEquals(1, ofType(events, RepAlerted.TYPE).size());
            assertEquals(List.of(1, 2), ofType(events, ReminderSent.TYPE).stream()
                    .map(event -> event.get("data").get("step").asInt()).toList());
            assertEquals(List.of("team_lead", "operator"), ofType(events, LeadEscalated.TYPE).stream()
                    .map(event -> event.get("data").get("target").asText()).toList());
            JsonNode lapsed = ofType(events, DeadlineLapsed.TYPE).get(0).get("data");
            assertEquals(rep, lapsed.get("repId").asText());
            assertEquals(1, lapsed.get("assignmentNumber").asInt());
            assertEquals("hot", lapsed.get("tier").asText());
            assertSchemas(events);

            await().atMost(PATIENCE).until(() -> mailTo(teamLead).size() == 1);
            MimeMessage mail = mailTo(teamLead).get(0);
            assertTrue(mail.getSubject().startsWith("Escalation: Sam Taylor"), mail.getSubject());
            assertTrue(String.valueOf(mail.getContent()).contains("Not called after 5 s"));

            assertNeverEarly(leadId, 4);
        } finally {
            events.stop();
        }
    }

    @Test
    void aFollowUpAfterTheFirstReminderStopsEverything() throws Exception {
        Scenario scenario = newScenario();
        String rep = scenario.rep();
        String teamLead = scenario.teamLead();
        UUID leadId = scenario.leadId();
        ConsumerTask<String, String> events = events(leadId);
        try {
            send(LeadAssignedEvents.TOPIC, leadId.toString(), assigned(rep, leadId, scenario.team(), 1));
            await().atMost(PATIENCE).until(() -> ofType(events, ReminderSent.TYPE).size() == 1);
            send("warmline.follow-up-logged", leadId.toString(), RoutingEvents.envelope("FollowUpLogged", leadId,
                    json.createObjectNode()
                    .put("repId", rep).put("attempt", 1).put("outcome", "connected")
                    .put("loggedAt", Instant.now().toString())));
            await().atMost(PATIENCE).until(() -> pending(leadId) == 0);

            // Proof that nothing more happens, by a marker rather than a sleep: a second lead under the same policy,
            // assigned now, so its every timer is due after every timer this lead had. Once the marker's deadline
            // has lapsed, the scheduler has passed all of this lead's moments and the relay (commit order) has
            // published anything they caused.
            Scenario marker = newScenario();
            ConsumerTask<String, String> markerEvents = events(marker.leadId());
            try {
                send(LeadAssignedEvents.TOPIC, marker.leadId().toString(),
                        assigned(marker.rep(), marker.leadId(), marker.team(), 1));
                await().atMost(PATIENCE).until(() -> ofType(markerEvents, DeadlineLapsed.TYPE).size() == 1);
            } finally {
                markerEvents.stop();
            }
            assertEquals(1, states(leadId).stream().filter("fired"::equals).count(), "only the first reminder fired");
            assertEquals(1, ofType(events, ReminderSent.TYPE).size());
            assertEquals(List.of(), ofType(events, LeadEscalated.TYPE));
            assertEquals(List.of(), ofType(events, DeadlineLapsed.TYPE));
            assertTrue(mailTo(teamLead).isEmpty());
            assertFalse(states(leadId).contains("pending"));
            assertTrue(states(leadId).contains("cancelled"));
        } finally {
            events.stop();
        }
    }

    @Test
    void aStreamDeliverySentAgainStoresNothingMore() throws Throwable {
        Scenario scenario = newScenario();
        UUID leadId = scenario.leadId();
        send(LeadAssignedEvents.TOPIC, leadId.toString(), assigned(scenario.rep(), leadId, scenario.team(), 1));
        await().atMost(PATIENCE).until(() -> alertsStored(leadId) >= 2);
        // The first reminder's stream delivery, as it was before its send (and out of the dispatcher's reach): sent
        // twice, as after a crash or a database outage between a send and the dispatcher's record of it.
        Row delivery = database.preparedQuery("""
                        UPDATE notification.delivery SET status = 'pending', delivered_at = NULL,
                               next_attempt_at = now() + interval '1 hour'
                         WHERE id = (SELECT min(id) FROM notification.delivery WHERE lead_id = $1 AND channel = 'sse')
                        RETURNING id, recipient, notice""")
                .execute(Tuple.of(leadId)).await().indefinitely().iterator().next();
        long before = alertsStored(leadId);
        Notice notice = notices.readValue(delivery.getString("notice"), Notice.class);

        for (int send = 0; send < 2; send++) {
            VertxContextSupport.subscribeAndAwait(() -> stream.send(delivery.getLong("id"),
                    delivery.getString("recipient"), notice));
        }

        assertEquals(before + 1, alertsStored(leadId), "stored once");
        assertEquals("delivered", database.preparedQuery("SELECT status FROM notification.delivery WHERE id = $1")
                .execute(Tuple.of(delivery.getLong("id"))).await().indefinitely().iterator().next().getString(0));
    }

    private long alertsStored(UUID leadId) {
        return database.preparedQuery("SELECT count(*) FROM notification.alert WHERE lead_id = $1")
                .execute(Tuple.of(leadId)).await().indefinitely().iterator().next().getLong(0);
    }

    /** A fresh team with its own accelerated policy, and a rep of it whom routing has described. */
    private record Scenario(String team, String rep, String teamLead, UUID leadId) {
    }

    private Scenario newScenario() {
        Scenario scenario = new Scenario("team-" + UUID.randomUUID(), "rep-" + UUID.randomUUID(),
                "lead-" + UUID.randomUUID() + "@example.com", UUID.randomUUID());
        publishPolicy(scenario.team());
        knowRep(scenario.rep(), scenario.team(), scenario.teamLead());
        return scenario;
    }

    private void publishPolicy(String team) {
        given().auth().oauth2(Tokens.operator()).contentType("application/json").body(POLICY)
                .put("/escalation-policies/hot/{team}", team).then().statusCode(200);
    }

    private void knowRep(String rep, String team, String teamLeadEmail) {
        ObjectNode data = json.createObjectNode().put("repId", rep).put("name", "Alex Morgan")
                .put("email", rep + "@example.com").put("teamId", team).put("teamLeadRepId", "lead")
                .put("teamLeadEmail", teamLeadEmail).put("timeZone", "Europe/London").put("active", true);
        ObjectNode event = RoutingEvents.envelope("RepChanged", null, data);
        send("warmline.rep-changed", rep, event);
        await().atMost(PATIENCE).until(() -> database.preparedQuery("SELECT 1 FROM notification.rep WHERE rep_id = $1")
                .execute(Tuple.of(rep)).await().indefinitely().size() == 1);
    }

    private ObjectNode assigned(String rep, UUID leadId, String team, int number) {
        ObjectNode event = LeadAssignedEvents.event(rep, leadId);
        LeadAssignedEvents.data(event).put("assignedAt", Instant.now().toString()).put("teamId", team)
                .put("assignmentNumber", number).put("tier", "hot");
        event.put("occurredAt", Instant.now().toString());
        return event;
    }

    private ConsumerTask<String, String> events(UUID leadId) {
        String key = leadId.toString();
        return kafka.consumeStrings().withOffsetReset("latest").withGroupId("flow-" + UUID.randomUUID())
                .fromTopics(Set.copyOf(PRODUCED), records -> records.select().where(record -> key.equals(record.key())));
    }

    private List<JsonNode> ofType(ConsumerTask<String, String> events, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record : events.getRecords()) {
            try {
                JsonNode event = json.readTree(record.value());
                if (type.equals(event.get("eventType").asText())) {
                    found.add(event);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        found.sort((a, b) -> a.get("occurredAt").asText().compareTo(b.get("occurredAt").asText()));
        return found;
    }

    private void assertSchemas(ConsumerTask<String, String> events) {
        for (ConsumerRecord<String, String> record : events.getRecords()) {
            String file = record.topic().substring("warmline.".length()) + ".v1.json";
            EventSchema.of("notification-service", file).assertValid(record.value());
        }
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(TestInfrastructure.smtp().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Every timer of the lead fired, and none before its moment (from the recorded times, not the wall clock). */
    private void assertNeverEarly(UUID leadId, int expected) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery("SELECT due_at, fired_at, state FROM notification.escalation_timer WHERE lead_id = $1")
                .execute(Tuple.of(leadId)).await().indefinitely().forEach(rows::add);
        assertEquals(expected, rows.size());
        for (Row row : rows) {
            assertEquals("fired", row.getString("state"));
            assertFalse(row.getOffsetDateTime("fired_at").isBefore(row.getOffsetDateTime("due_at")), "fired early");
        }
    }

    private long pending(UUID leadId) {
        return states(leadId).stream().filter("pending"::equals).count();
    }

    private List<String> states(UUID leadId) {
        List<String> states = new ArrayList<>();
        database.preparedQuery("SELECT state FROM notification.escalation_timer WHERE lead_id = $1")
                .execute(Tuple.of(leadId)).await().indefinitely().forEach(row -> states.add(row.getString("state")));
        return states;
    }

    private static void send(String topic, String key, ObjectNode event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, event.toString())).awaitCompletion(PATIENCE);
    }
}
