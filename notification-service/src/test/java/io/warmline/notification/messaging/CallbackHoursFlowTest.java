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
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Through the real broker and database: routing describes a New York rep's weekday hours (RepChanged), the rep
 * logs a call with its next step due on a Saturday night, and the reminder is set for Monday 09:00 New York time.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class CallbackHoursFlowTest {

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
    void aNextStepDueOutsideTheRepsHoursRemindsAtTheirNextShift() {
        String rep = "rep-" + UUID.randomUUID();
        ObjectNode hours = json.createObjectNode().put("start", "09:00").put("end", "17:30");
        hours.putArray("daysOff").add("saturday").add("sunday");
        ObjectNode described = json.createObjectNode().put("repId", rep).put("name", "Alex Morgan")
                .put("teamId", "default").put("timeZone", "America/New_York").put("active", true);
        described.set("workingHours", hours);
        send("warmline.rep-changed", rep, RoutingEvents.envelope("RepChanged", null, described));
        await().atMost(PATIENCE).until(() -> database.preparedQuery(
                        "SELECT 1 FROM notification.rep WHERE rep_id = $1 AND shift_start IS NOT NULL")
                .execute(Tuple.of(rep)).await().indefinitely().size() == 1);

        UUID lead = UUID.randomUUID();
        ObjectNode followUp = json.createObjectNode().put("repId", rep).put("attempt", 1)
                .put("outcome", "connected").put("loggedAt", Instant.now().toString());
        followUp.set("nextStep", json.createObjectNode().put("type", "follow_up_call")
                .put("dueAt", "2026-12-06T03:00:00Z"));
        send("warmline.follow-up-logged", lead.toString(), RoutingEvents.envelope("FollowUpLogged", lead, followUp));

        await().atMost(PATIENCE).until(() -> database.preparedQuery(
                        "SELECT 1 FROM notification.escalation_timer WHERE lead_id = $1").execute(Tuple.of(lead))
                .await().indefinitely().size() == 1);
        Instant due = database.preparedQuery("SELECT due_at FROM notification.escalation_timer WHERE lead_id = $1")
                .execute(Tuple.of(lead)).await().indefinitely().iterator().next().getOffsetDateTime("due_at")
                .toInstant();
        assertEquals(Instant.parse("2026-12-07T14:00:00Z"), due, "Saturday 22:00 in New York: Monday 09:00 there");
    }

    private static void send(String topic, String key, ObjectNode event) {
        RoutingEvents.send(kafka, topic, key, event, PATIENCE);
    }
}
