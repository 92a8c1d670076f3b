package io.warmline.intake.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.intake.config.TestClock;
import io.warmline.intake.rest.Leads;
import io.warmline.intake.rest.TestVendor;
import io.warmline.platform.testing.EventSchema;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.warmline.intake.messaging.Broker.FOLLOW_UP_LOGGED;
import static io.warmline.intake.messaging.Broker.LEAD_ASSIGNED;
import static io.warmline.intake.messaging.Broker.LEAD_CLOSED;
import static io.warmline.intake.messaging.Fixtures.followUpLogged;
import static io.warmline.intake.messaging.Fixtures.leadAssigned;
import static io.warmline.intake.messaging.Fixtures.leadClosed;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing's events in, on the real broker; the vendor's status out, read through the signed API from the real
 * database. Each test posts a lead of its own, so the shared topics' other events do not disturb it.
 */
@QuarkusTest
class LeadProgressConsumersTest {

    final Broker broker = Broker.shared();

    @Inject
    TestClock clock;

    @Inject
    Pool database;

    @Inject
    MeterRegistry meters;

    TestVendor vendor;
    UUID leadId;
    Instant received;

    @BeforeEach
    void aVendorPostsALead() {
        vendor = TestVendor.register(clock);
        received = clock.instant();
        leadId = UUID.fromString(vendor.post(Leads.lead("L-progress", received)).statusCode(202)
                .extract().path("leadId"));
    }

    @Test
    void theFixturesAreWhatRoutingPublishes() {
        UUID lead = UUID.randomUUID();
        Instant now = Instant.now();
        EventSchema.of("routing-service", "lead-assigned.v1.json")
                .assertValid(leadAssigned(UUID.randomUUID(), lead, "rep-alex", now));
        EventSchema followUp = EventSchema.of("routing-service", "follow-up-logged.v1.json");
        for (String outcome : new String[]{"connected", "voicemail", "no_answer", "wrong_number"}) {
            followUp.assertValid(followUpLogged(UUID.randomUUID(), lead, 1, outcome, now));
        }
        EventSchema closed = EventSchema.of("routing-service", "lead-closed.v1.json");
        for (String reason : new String[]{"signed", "not_interested", "unreachable", "breached", "wrong_number",
                "no_consent", "email_only"}) {
            closed.assertValid(leadClosed(UUID.randomUUID(), lead, reason, now));
        }
    }

    @Test
    void theVendorSeesEachMilestoneWithItsOutcomeAndNothingOfTheRep() {
        String rep = "rep-" + UUID.randomUUID();
        broker.send(LEAD_ASSIGNED, leadId, leadAssigned(UUID.randomUUID(), leadId, rep, at(5)));
        broker.send(FOLLOW_UP_LOGGED, leadId, followUpLogged(UUID.randomUUID(), leadId, 1, "no_answer", at(600)));
        broker.send(FOLLOW_UP_LOGGED, leadId, followUpLogged(UUID.randomUUID(), leadId, 2, "connected", at(7200)));
        broker.send(LEAD_CLOSED, leadId, leadClosed(UUID.randomUUID(), leadId, "signed", at(7300)));

        awaitMilestones(5);
        vendor.status(leadId.toString()).statusCode(200)
                .body("status", equalTo("closed")).body("outcome", equalTo("signed"))
                .body("milestones.milestone", contains("received", "assigned", "followed_up", "followed_up",
                        "closed"))
                .body("milestones.outcome", contains(null, null, "no_answer", "connected", "signed"))
                .body("milestones.at", contains(at(0).toString(), at(5).toString(), at(600).toString(),
                        at(7200).toString(), at(7300).toString()))
                .body(not(containsString(rep)));
    }

    @Test
    void aReassignmentAfterAFollowUpDoesNotTakeTheStatusBack() {
        broker.send(FOLLOW_UP_LOGGED, leadId, followUpLogged(UUID.randomUUID(), leadId, 1, "voicemail", at(600)));
        broker.send(LEAD_ASSIGNED, leadId, leadAssigned(UUID.randomUUID(), leadId, "rep-sam", at(1800)));
        broker.send(LEAD_ASSIGNED, leadId, leadAssigned(UUID.randomUUID(), leadId, "rep-alex", at(5)));

        awaitMilestones(4);
        vendor.status(leadId.toString()).statusCode(200)
                .body("status", equalTo("followed_up")).body("outcome", equalTo("voicemail"))
                .body("milestones.milestone", contains("received", "assigned", "followed_up", "assigned"));
    }

    @Test
    void aClosureReportedBeforeTheAssignmentStaysClosed() {
        broker.send(LEAD_CLOSED, leadId, leadClosed(UUID.randomUUID(), leadId, "not_interested", at(3600)));
        awaitMilestones(2);
        vendor.status(leadId.toString()).statusCode(200)
                .body("status", equalTo("closed")).body("outcome", equalTo("not_interested"));

        broker.send(LEAD_ASSIGNED, leadId, leadAssigned(UUID.randomUUID(), leadId, "rep-alex", at(5)));
        awaitMilestones(3);
        vendor.status(leadId.toString()).statusCode(200)
                .body("status", equalTo("closed")).body("outcome", equalTo("not_interested"))
                .body("milestones.milestone", contains("received", "assigned", "closed"));
    }

    @Test
    void aRedeliveredEventAddsNothing() {
        String assigned = leadAssigned(UUID.randomUUID(), leadId, "rep-alex", at(5));
        String closed = leadClosed(UUID.randomUUID(), leadId, "breached", at(3600));
        broker.send(LEAD_ASSIGNED, leadId, assigned);
        broker.send(LEAD_ASSIGNED, leadId, assigned);
        broker.send(LEAD_CLOSED, leadId, closed);
        broker.send(LEAD_CLOSED, leadId, closed);
        // A later event on the same partitions is applied after the copies: once it shows, they were handled.
        UUID reassigned = UUID.randomUUID();
        UUID closedAgain = UUID.randomUUID();
        broker.send(LEAD_ASSIGNED, leadId, leadAssigned(reassigned, leadId, "rep-sam", at(1800)));
        broker.send(LEAD_CLOSED, leadId, leadClosed(closedAgain, leadId, "breached", at(3700)));

        await().atMost(Broker.PATIENCE).until(() -> applied(reassigned) && applied(closedAgain));
        assertEquals(5, milestones());
        vendor.status(leadId.toString()).statusCode(200)
                .body("milestones.milestone", contains("received", "assigned", "assigned", "closed", "closed"));
        broker.assertNoDeadLetters(leadId);
    }

    @Test
    void anOutcomeVendorsAreNotShownIsLeftOutButTheMilestoneCounts() {
        // A word routing's schema does not have (yet): the follow-up is real, the word is not shown.
        broker.send(FOLLOW_UP_LOGGED, leadId, followUpLogged(UUID.randomUUID(), leadId, 1, "left_with_colleague",
                at(600)));

        awaitMilestones(2);
        vendor.status(leadId.toString()).statusCode(200)
                .body("status", equalTo("followed_up")).body("outcome", nullValue())
                .body("milestones.outcome", contains(nullValue(), nullValue()));
        broker.assertNoDeadLetters(leadId);
    }

    @Test
    void poisonEventsGoToTheChannelsDeadLetterTopicAtOnceAndTheNextEventIsApplied() {
        Map<String, Double> before = deadLetterCounts();
        broker.send(LEAD_ASSIGNED, leadId, "{\"this is\": not json");
        broker.send(LEAD_ASSIGNED, leadId, leadAssigned(UUID.randomUUID(), leadId, "rep-alex", at(5))
                .replace("\"occurredAt\":\"" + at(5) + "\",", "").replace("\"assignedAt\":\"" + at(5) + "\",", ""));
        broker.send(FOLLOW_UP_LOGGED, leadId, followUpLogged(UUID.randomUUID(), leadId, 1, "connected", at(600))
                .replace("\"eventType\":\"FollowUpLogged\"", "\"eventType\":\"LeadClosed\""));
        broker.send(LEAD_CLOSED, leadId, leadClosed(UUID.randomUUID(), leadId, "signed", at(3600))
                .replace("\"closedAt\":\"" + at(3600) + "\"", "\"closedAt\":\"yesterday\""));
        broker.send(LEAD_ASSIGNED, leadId, leadAssigned(UUID.randomUUID(), leadId, "rep-alex", at(60)));

        broker.awaitDeadLetters(leadId, 4);
        assertEquals(Map.of("warmline.dlq.intake-service.lead-assigned", 2L,
                        "warmline.dlq.intake-service.follow-up-logged", 1L,
                        "warmline.dlq.intake-service.lead-closed", 1L),
                broker.deadLettersFor(leadId).stream()
                        .collect(Collectors.groupingBy(ConsumerRecord::topic, Collectors.counting())));
        awaitMilestones(2);
        vendor.status(leadId.toString()).statusCode(200)
                .body("status", equalTo("assigned")).body("milestones.milestone", contains("received", "assigned"));
        Map<String, Double> after = deadLetterCounts();
        // At least ours: other services' tests may put poison of their own on the shared topics meanwhile.
        assertTrue(after.get("lead-assigned") >= before.get("lead-assigned") + 2, after + " after " + before);
        assertTrue(after.get("follow-up-logged") >= before.get("follow-up-logged") + 1, after + " after " + before);
        assertTrue(after.get("lead-closed") >= before.get("lead-closed") + 1, after + " after " + before);
    }

    @Test
    void anEventForALeadIntakeDoesNotKnowIsIgnoredNotDeadLettered() {
        UUID unknown = UUID.randomUUID();
        broker.send(LEAD_CLOSED, 0, unknown, leadClosed(UUID.randomUUID(), unknown, "signed", at(60)));
        // On the same partition, so applied after the unknown lead's event.
        broker.send(LEAD_CLOSED, 0, leadId, leadClosed(UUID.randomUUID(), leadId, "signed", at(60)));

        awaitMilestones(2);
        broker.assertNoDeadLetters(unknown);
        assertEquals(0, count("SELECT count(*) FROM lead_milestone WHERE lead_id = $1", unknown));
    }

    private Instant at(long secondsAfterReceived) {
        return received.plusSeconds(secondsAfterReceived);
    }

    private void awaitMilestones(int count) {
        await().atMost(Broker.PATIENCE).until(() -> milestones() == count);
    }

    private long milestones() {
        return count("SELECT count(*) FROM lead_milestone WHERE lead_id = $1", leadId);
    }

    private boolean applied(UUID eventId) {
        return count("SELECT count(*) FROM lead_milestone WHERE event_id = $1", eventId) == 1;
    }

    private long count(String sql, Object... parameters) {
        return database.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private Map<String, Double> deadLetterCounts() {
        Map<String, Double> counts = new HashMap<>();
        for (String channel : new String[]{"lead-assigned", "follow-up-logged", "lead-closed"}) {
            Counter counter = meters.find("warmline.dead.letters").tag("channel", channel).counter();
            counts.put(channel, counter == null ? 0 : counter.count());
        }
        return counts;
    }
}
