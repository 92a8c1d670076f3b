package io.warmline.routing.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.testing.EventSchema;
import io.warmline.routing.rest.Tokens;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.warmline.routing.rest.Tokens.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeadlineLapsed in: the lead goes to another rep with the shorter deadline, then closes as breached. */
@QuarkusTest
class DeadlineLapsedConsumerTest {

    static Routed routed;
    static ConsumerTask<String, String> assigned;
    static ConsumerTask<String, String> closed;
    static ConsumerTask<String, String> queued;
    static ConsumerTask<String, String> repChanged;
    static ConsumerTask<String, String> deadLetters;

    @Inject
    Pool database;

    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String alex = "alex-" + suffix;
    final String sam = "sam-" + suffix;

    @BeforeEach
    void twoReps() {
        if (routed == null) {
            routed = new Routed(database);
            assigned = routed.watch("warmline.lead-assigned");
            closed = routed.watch("warmline.lead-closed");
            queued = routed.watch("warmline.lead-queued");
            repChanged = routed.watch("warmline.rep-changed");
            deadLetters = routed.watch("warmline.dlq.routing-service.deadline-lapsed");
        }
        routed.onlyNewRepsInPlay();
        Tokens.saveRep(alex, "{\"name\":\"Alex\",\"capacity\":3}");
        Tokens.saveRep(sam, "{\"name\":\"Sam\",\"capacity\":3}");
    }

    @AfterAll
    static void stop() {
        List.of(assigned, closed, queued, repChanged, deadLetters).forEach(ConsumerTask::stop);
        routed.kafka.close();
    }

    static String lapse(UUID leadId, String repId, int assignmentNumber) {
        Instant now = Instant.now();
        return """
                {"eventId":"%s","eventType":"DeadlineLapsed","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"%s","assignmentNumber":%d,"assignedAt":"%s","respondBy":"%s","lapsedAt":"%s",
                         "somethingNew":true}}"""
                .formatted(UUID.randomUUID(), now, leadId, repId, assignmentNumber, now.minusSeconds(3600), now, now);
    }

    @Test
    void aLapsedLeadGoesToAnotherRepWithAShorterDeadlineThenClosesAsBreached() {
        Tokens.presence(alex, "default", "available");
        UUID leadId = routed.scoredLead("London");
        assertEquals(alex, routed.awaitHolder(leadId));
        Tokens.presence(sam, "default", "available");

        Instant before = Instant.now();
        routed.send("warmline.deadline-lapsed", leadId.toString(), lapse(leadId, alex, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> Routed.about(assigned, leadId).size() == 2);
        ConsumerRecord<String, String> second = Routed.about(assigned, leadId).get(1);
        EventSchema.of("routing-service", "lead-assigned.v2.json").assertValid(second.value());
        assertThat(second.value(), containsString("\"repId\":\"" + sam + "\""));
        assertThat(second.value(), containsString("\"assignmentNumber\":2"));
        assertThat(second.value(), containsString("\"previousRepId\":\"" + alex + "\""));
        Instant respondBy = routed.rows("SELECT respond_by FROM assignment WHERE lead_id = $1 AND assignment_number = 2",
                leadId).get(0).getOffsetDateTime(0).toInstant();
        assertTrue(!respondBy.isBefore(before.plusSeconds(1800)) && !respondBy.isAfter(Instant.now().plusSeconds(1800)),
                "the next rep gets the 30-minute deadline: " + respondBy);
        as(Tokens.operator()).get("/reps/{id}", alex).then().body("openLeads", equalTo(0));

        // A stale lapse (the first assignment again) changes nothing.
        routed.send("warmline.deadline-lapsed", leadId.toString(), lapse(leadId, alex, 1));
        // The second lapse is the configured last one: closed as breached.
        routed.send("warmline.deadline-lapsed", leadId.toString(), lapse(leadId, sam, 2));
        ConsumerRecord<String, String> breach = Routed.awaitOne(closed, leadId);
        EventSchema.of("routing-service", "lead-closed.v1.json").assertValid(breach.value());
        assertThat(breach.value(), containsString("\"reason\":\"breached\""));
        assertThat(breach.value(), containsString("\"repId\":\"" + sam + "\""));
        assertEquals(2, Routed.about(assigned, leadId).size());
        as(Tokens.operator()).get("/leads/{id}", leadId).then().body("status", equalTo("closed"))
                .body("lapses", equalTo(2)).body("assignments.status", hasItems("lapsed"));
        as(Tokens.operator()).get("/reps/{id}", sam).then().body("openLeads", equalTo(0));
    }

    @Test
    void withNobodyElseEligibleTheLeadWaitsAndNeverGoesBackToTheSameRep() {
        Tokens.presence(alex, "default", "available");
        UUID leadId = routed.scoredLead("Manchester");
        assertEquals(alex, routed.awaitHolder(leadId));

        routed.send("warmline.deadline-lapsed", leadId.toString(), lapse(leadId, alex, 1));
        ConsumerRecord<String, String> waiting = Routed.awaitOne(queued, leadId);
        EventSchema.of("routing-service", "lead-queued.v1.json").assertValid(waiting.value());
        as(Tokens.operator()).get("/queue").then().statusCode(200)
                .body("find { it.leadId == '" + leadId + "' }.excludedRepId", equalTo(alex));

        Tokens.presence(sam, "default", "available");
        assertEquals(sam, routed.awaitHolder(leadId));
    }

    @Test
    void aLapseAfterTheFollowUpIsIgnored() {
        Tokens.presence(alex, "default", "available");
        Tokens.presence(sam, "default", "available");
        UUID leadId = routed.scoredLead("London");
        String holder = routed.awaitHolder(leadId);
        as(Tokens.rep(holder, "default")).body("{\"outcome\":\"no_answer\"}").post("/leads/{id}/follow-ups", leadId)
                .then().statusCode(201);
        routed.send("warmline.deadline-lapsed", leadId.toString(), lapse(leadId, holder, 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> Routed.about(assigned, leadId).size() == 1);
        assertEquals(holder, routed.holder(leadId));
    }

    @Test
    void goingOfflineHandsUncalledLeadsOn() {
        Tokens.presence(alex, "default", "available");
        UUID leadId = routed.scoredLead("London");
        assertEquals(alex, routed.awaitHolder(leadId));
        Tokens.presence(sam, "default", "available");
        Tokens.presence(alex, "default", "offline");
        assertEquals(sam, routed.awaitHolder(leadId));
    }

    @Test
    void notificationStepsGoOnTheTimeline() {
        Tokens.presence(alex, "default", "available");
        UUID leadId = routed.scoredLead("London");
        routed.awaitHolder(leadId);
        Instant now = Instant.now();
        routed.send("warmline.rep-alerted", leadId.toString(), """
                {"eventId":"%s","eventType":"RepAlerted","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"%s","channel":"push","alertedAt":"%s"}}""".formatted(UUID.randomUUID(), now, leadId,
                alex, now));
        routed.send("warmline.reminder-sent", leadId.toString(), """
                {"eventId":"%s","eventType":"ReminderSent","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"%s","step":1,"target":"rep","channel":"push","sentAt":"%s"}}"""
                .formatted(UUID.randomUUID(), now, leadId, alex, now.plusSeconds(1)));
        routed.send("warmline.lead-escalated", leadId.toString(), """
                {"eventId":"%s","eventType":"LeadEscalated","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"step":3,"target":"team_lead","reason":"no follow-up","escalatedAt":"%s"}}"""
                .formatted(UUID.randomUUID(), now, leadId, now.plusSeconds(2)));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                routed.rows("SELECT 1 FROM timeline_entry WHERE lead_id = $1 AND kind IN ('alerted', 'reminded', "
                        + "'escalated')", leadId).size() == 3);
        as(Tokens.operator()).get("/leads/{id}/timeline", leadId).then().statusCode(200)
                .body("kind", hasItems("received", "scored", "assigned", "alerted", "reminded", "escalated"));
    }

    @Test
    void aPoisonLapseGoesToTheDeadLetterTopic() {
        UUID leadId = UUID.randomUUID();
        routed.send("warmline.deadline-lapsed", leadId.toString(), "{\"eventType\":\"DeadlineLapsed\"}");
        Routed.awaitOne(deadLetters, leadId);
    }

    @Test
    void rosterChangesArePublishedKeyedByRep() {
        String team = "t-" + suffix;
        Tokens.saveRep(alex, "{\"name\":\"Alex\",\"email\":\"alex@example.com\",\"timeZone\":\"Europe/London\"}");
        Tokens.as(Tokens.operator()).body("{\"name\":\"North\",\"leadRepId\":\"" + alex + "\"}")
                .put("/teams/{id}", team).then().statusCode(201);
        Tokens.saveRep(sam, "{\"name\":\"Sam\",\"teamId\":\"" + team + "\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> Routed.about(repChanged, sam).stream()
                .anyMatch(record -> record.value().contains("\"teamLeadEmail\":\"alex@example.com\"")));
        ConsumerRecord<String, String> event = Routed.about(repChanged, sam).get(Routed.about(repChanged, sam).size() - 1);
        EventSchema.of("routing-service", "rep-changed.v1.json").assertValid(event.value());
        assertThat(event.value(), containsString("\"leadId\":null"));
        assertThat(event.value(), containsString("\"teamId\":\"" + team + "\""));
    }
}
