package io.warmline.scoring.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.testing.EventSchema;
import io.warmline.scoring.config.AdjustableClock;
import io.warmline.scoring.service.DecayRescoring;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import static io.warmline.scoring.messaging.Broker.LEAD_ASSIGNED;
import static io.warmline.scoring.messaging.Broker.LEAD_QUEUED;
import static io.warmline.scoring.messaging.Broker.LEAD_RECEIVED;
import static io.warmline.scoring.messaging.Fixtures.leadAssigned;
import static io.warmline.scoring.messaging.Fixtures.leadQueued;
import static io.warmline.scoring.messaging.Fixtures.leadReceived;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waiting leads are re-scored as their signals age; assigned ones are not. The test moves the service's clock
 * hours ahead and runs the re-scoring pass itself, instead of waiting for the scheduler.
 */
@QuarkusTest
class DecayRescoringTest {

    final Broker broker = Broker.shared();

    @Inject
    Pool database;
    @Inject
    AdjustableClock clock;
    @Inject
    DecayRescoring rescoring;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aWaitingLeadIsRescoredAsItAgesOnlyWhenItChangesAndAnAssignedOneIsLeftAlone() {
        UUID waiting = scoredLead("demo_request");
        UUID steady = scoredLead("past_customer");
        UUID assigned = scoredLead("demo_request");
        broker.send(LEAD_ASSIGNED, assigned, leadAssigned(UUID.randomUUID(), assigned));
        await().atMost(Broker.PATIENCE).until(() -> count("SELECT count(*) FROM lead WHERE lead_id = $1 "
                + "AND assigned_at IS NOT NULL", assigned) == 1);

        clock.advance(Duration.ofHours(6));
        rescoreWaitingLeads();

        JsonNode decayed = broker.awaitScored(waiting, event -> event.at("/data/trigger").asText().equals("decay"));
        EventSchema.of("scoring-service", "lead-scored.v1.json").assertValid(broker.rawScored(waiting, 1));
        JsonNode first = broker.scoredFor(waiting).get(0);
        assertTrue(decayed.at("/data/score").asInt() < first.at("/data/score").asInt(), "lower after six hours");
        assertEquals("hot", first.at("/data/tier").asText());
        assertEquals("warm", decayed.at("/data/tier").asText());
        assertEquals(first.at("/data/respondBy"), decayed.at("/data/respondBy"), "waiting does not move the deadline");
        broker.assertScoredTimes(steady, 1);
        broker.assertScoredTimes(assigned, 1);
        assertEquals(2, count("SELECT count(*) FROM lead_score WHERE lead_id = $1", waiting));
    }

    @Test
    void passesOfSeveralReplicasAtOnceAnnounceEachChangeOnce() {
        UUID waiting = scoredLead("callback_agreed");
        clock.advance(Duration.ofHours(12));

        onVertx(() -> Uni.join().all(rescoring.rescoreWaitingLeads(), rescoring.rescoreWaitingLeads(),
                rescoring.rescoreWaitingLeads()).andFailFast());

        broker.awaitScored(waiting, event -> event.at("/data/trigger").asText().equals("decay"));
        broker.assertScoredTimes(waiting, 2);
    }

    @Test
    void aRedeliveredOrPoisonLeadAssignedChangesNothing() {
        UUID leadId = scoredLead("referral");
        String event = leadAssigned(UUID.randomUUID(), leadId);
        broker.send(LEAD_ASSIGNED, leadId, event);
        broker.send(LEAD_ASSIGNED, leadId, event);
        broker.send(LEAD_ASSIGNED, leadId, "{\"eventType\":\"LeadAssigned\"}");

        broker.awaitDeadLetters(leadId, 1);
        assertEquals(1, count("SELECT count(*) FROM lead WHERE lead_id = $1 AND assigned_at IS NOT NULL", leadId));
    }

    @Test
    void aLeadRequeuedAnHourLaterDecaysAgainAndRanksBelowAFresherOneOfTheSameSignal() {
        UUID requeued = scoredLead("demo_request");
        send(LEAD_ASSIGNED, requeued, leadAssigned(UUID.randomUUID(), requeued, clock.instant()));
        awaitWaiting(requeued, false);

        clock.advance(Duration.ofHours(1));
        send(LEAD_QUEUED, requeued, leadQueued(UUID.randomUUID(), requeued, clock.instant()));
        awaitWaiting(requeued, true);
        UUID fresher = UUID.randomUUID();
        broker.send(LEAD_RECEIVED, fresher, leadReceived(fresher, "demo_request", clock.instant().minusSeconds(600)));
        int fresherScore = broker.awaitScored(fresher).at("/data/score").asInt();
        rescoreWaitingLeads();

        JsonNode decayed = broker.awaitScored(requeued, event -> event.at("/data/trigger").asText().equals("decay"));
        assertTrue(decayed.at("/data/score").asInt() < fresherScore, "the requeued lead ranks below the fresher one");
    }

    @Test
    void whicheverTopicDeliversFirstTheLatestOfAssignmentAndRequeueDecides() {
        Instant start = clock.instant();
        // Queued again after its assignment, the LeadQueued overtaking the older LeadAssigned: it waits.
        UUID overtaken = scoredLead("demo_request");
        send(LEAD_QUEUED, overtaken, leadQueued(UUID.randomUUID(), overtaken, start.plusSeconds(60)));
        send(LEAD_ASSIGNED, overtaken, leadAssigned(UUID.randomUUID(), overtaken, start));
        // Queued on arrival, then assigned: it no longer waits, in either order.
        UUID inOrder = scoredLead("demo_request");
        send(LEAD_QUEUED, inOrder, leadQueued(UUID.randomUUID(), inOrder, start));
        send(LEAD_ASSIGNED, inOrder, leadAssigned(UUID.randomUUID(), inOrder, start.plusSeconds(60)));
        UUID reversed = scoredLead("demo_request");
        send(LEAD_ASSIGNED, reversed, leadAssigned(UUID.randomUUID(), reversed, start.plusSeconds(60)));
        send(LEAD_QUEUED, reversed, leadQueued(UUID.randomUUID(), reversed, start));
        awaitBothKnown(overtaken);
        awaitBothKnown(inOrder);
        awaitBothKnown(reversed);

        clock.advance(Duration.ofHours(6));
        rescoreWaitingLeads();

        broker.awaitScored(overtaken, event -> event.at("/data/trigger").asText().equals("decay"));
        broker.assertScoredTimes(inOrder, 1);
        broker.assertScoredTimes(reversed, 1);
    }

    @Test
    void theFixturesAreWhatRoutingPublishes() {
        EventSchema.of("routing-service", "lead-assigned.v1.json").assertValid(leadAssigned(UUID.randomUUID(),
                UUID.randomUUID()));
        EventSchema.of("routing-service", "lead-queued.v1.json").assertValid(leadQueued(UUID.randomUUID(),
                UUID.randomUUID(), Instant.now()));
    }

    private void send(String topic, UUID leadId, String event) {
        broker.send(topic, leadId, event);
    }

    /** Waits until scoring holds the lead as waiting (never assigned, or requeued after) or not. */
    private void awaitWaiting(UUID leadId, boolean waiting) {
        await().atMost(Broker.PATIENCE).until(() -> count("SELECT count(*) FROM lead WHERE lead_id = $1 AND "
                + "(assigned_at IS NULL OR requeued_at > assigned_at)", leadId) == (waiting ? 1 : 0));
    }

    /** Waits until scoring has applied both the lead's LeadAssigned and its LeadQueued. */
    private void awaitBothKnown(UUID leadId) {
        await().atMost(Broker.PATIENCE).until(() -> count("SELECT count(*) FROM lead WHERE lead_id = $1 AND "
                + "assigned_at IS NOT NULL AND requeued_at IS NOT NULL", leadId) == 1);
    }

    private UUID scoredLead(String signalType) {
        UUID leadId = UUID.randomUUID();
        broker.send(LEAD_RECEIVED, leadId, leadReceived(leadId, signalType, Instant.now().minusSeconds(600)));
        broker.awaitScored(leadId);
        return leadId;
    }

    private void rescoreWaitingLeads() {
        onVertx(rescoring::rescoreWaitingLeads);
    }

    /** Runs reactive work as the scheduler would, on a Vert.x context (Hibernate Reactive needs one). */
    private static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    private long count(String sql, UUID leadId) {
        return database.preparedQuery(sql).execute(Tuple.of(leadId)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
