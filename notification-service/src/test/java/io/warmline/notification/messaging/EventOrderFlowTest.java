package io.warmline.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.notification.testing.RoutingEvents;
import io.warmline.notification.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Routing's three topics delivered out of order through the real broker into the real database: a follow-up or a
 * close that overtakes its assignment leaves nothing to remind, escalate or lapse, and an assignment overtaken by a
 * newer one alerts nobody. Each check waits for the late event's id in the inbox, not for time to pass.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class EventOrderFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static KafkaCompanion kafka;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Pool database;

    @BeforeAll
    static void connectToKafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aFollowUpBeforeItsAssignmentLeavesOnlyItsNextStep() {
        UUID lead = UUID.randomUUID();
        String rep = "rep-" + UUID.randomUUID();
        Instant assignedAt = Instant.now();
        Instant callback = assignedAt.plus(Duration.ofDays(1));
        ObjectNode followUp = RoutingEvents.envelope("FollowUpLogged", lead, json.createObjectNode().put("repId", rep)
                .put("attempt", 1).put("outcome", "no_answer").put("loggedAt", assignedAt.plusSeconds(30).toString())
                .set("nextStep", json.createObjectNode().put("type", "next_attempt").put("dueAt", callback.toString())));
        applied(send("warmline.follow-up-logged", lead, followUp));
        applied(send(LeadAssignedEvents.TOPIC, lead, assigned(rep, lead, 1, assignedAt)));

        assertEquals(List.of("pending callback 1"), timers(lead), "no step, no deadline; the next attempt, for #1");
        assertEquals(1, alerts(lead), "the rep is alerted all the same");
    }

    @Test
    void aCloseBeforeItsAssignmentLeavesNothingAndAlertsNobody() {
        UUID lead = UUID.randomUUID();
        String rep = "rep-" + UUID.randomUUID();
        applied(send("warmline.lead-closed", lead, RoutingEvents.envelope("LeadClosed", lead, json.createObjectNode()
                .put("repId", rep).put("reason", "signed").put("closedAt", Instant.now().toString()))));
        applied(send(LeadAssignedEvents.TOPIC, lead, assigned(rep, lead, 1, Instant.now().minusSeconds(60))));

        assertEquals(List.of(), timers(lead));
        assertEquals(0, alerts(lead));
    }

    @Test
    void anOlderAssignmentAfterANewerOneAlertsNobody() {
        UUID lead = UUID.randomUUID();
        Instant first = Instant.now().minus(Duration.ofMinutes(61));
        applied(send(LeadAssignedEvents.TOPIC, lead, assigned("rep-bea-" + lead, lead, 2, Instant.now())));
        applied(send(LeadAssignedEvents.TOPIC, lead, assigned("rep-alex-" + lead, lead, 1, first)));

        assertEquals(1, alerts(lead));
        assertEquals(List.of("rep-bea-" + lead), database.preparedQuery(
                        "SELECT DISTINCT rep_id FROM notification.alert WHERE lead_id = $1").execute(Tuple.of(lead))
                .await().indefinitely().stream().map(row -> row.getString("rep_id")).toList());
        List<String> timers = timers(lead);
        assertEquals(5, timers.size(), "the one-hour rule of #2: " + timers);
        assertEquals(timers.size(), timers.stream().filter(timer -> timer.startsWith("pending") && timer.endsWith(" 2"))
                .count(), timers.toString());
    }

    private ObjectNode assigned(String rep, UUID lead, int number, Instant at) {
        ObjectNode event = LeadAssignedEvents.event(rep, lead);
        LeadAssignedEvents.data(event).put("assignedAt", at.toString()).put("assignmentNumber", number)
                .put("tier", "hot");
        return event;
    }

    private static UUID send(String topic, UUID lead, ObjectNode event) {
        return RoutingEvents.send(kafka, topic, lead.toString(), event, PATIENCE);
    }

    /** Waits until the service has applied the event (its id is in the inbox, committed with its effect). */
    private void applied(UUID eventId) {
        await().atMost(PATIENCE).until(() -> database.preparedQuery(
                        "SELECT 1 FROM notification.processed_event WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely().size() == 1);
    }

    private List<String> timers(UUID lead) {
        List<String> found = new ArrayList<>();
        database.preparedQuery("SELECT state, kind, assignment_number FROM notification.escalation_timer"
                        + " WHERE lead_id = $1 ORDER BY id").execute(Tuple.of(lead)).await().indefinitely()
                .forEach(row -> found.add(row.getString("state") + " " + row.getString("kind").toLowerCase()
                        + " " + row.getInteger("assignment_number")));
        return found;
    }

    private int alerts(UUID lead) {
        return database.preparedQuery("SELECT count(*) AS n FROM notification.alert WHERE lead_id = $1")
                .execute(Tuple.of(lead)).await().indefinitely().iterator().next().getLong("n").intValue();
    }
}
