package io.warmline.faults;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerTest {

    private static final List<Phase> PHASES = List.of(
            new Phase("steady", 0, 0, 0, 1_000, 0),
            new Phase("broker stopped 30 s", 1_000, 2_000, 2_500, 3_000, 0.999));

    /** Each alerted lead of these tests seen once on a rep's stream. */
    private static final Map<String, Integer> ON_STREAMS = Map.of("id-a", 1, "id-b", 1);

    private static Delivery accepted(String lead, long at, String leadId) {
        return new Delivery(lead, "w-" + lead, 1, false, at, 202, false, leadId, null);
    }

    private static StoredLead alerted(String lead, String leadId) {
        return new StoredLead(lead, leadId, true, true, 1, 1, false, 1);
    }

    private static Ledger.Reconciliation reconcile(List<Delivery> deliveries, Map<String, StoredLead> stored) {
        return new Ledger(PHASES).reconcile(deliveries, stored, List.of(), List.of(), List.of(), List.of(),
                ON_STREAMS);
    }

    private static List<String> rules(Ledger.Reconciliation result) {
        return result.breaches().stream().map(Breach::rule).toList();
    }

    @Test
    void balancesWhenEveryAcceptedLeadIsAlertedOnce() {
        var result = reconcile(List.of(accepted("a", 10, "id-a"), accepted("b", 1_500, "id-b")),
                Map.of("a", alerted("a", "id-a"), "b", alerted("b", "id-b")));
        assertTrue(result.balanced(), result.breaches().toString());
        assertEquals(1, result.phases().get(1).accepted());
        assertEquals(1, result.phases().get(1).alerted());
        assertEquals(1.0, result.phases().get(1).availability());
    }

    @Test
    void anAcceptedLeadNeitherAlertedNorQueuedIsLost() {
        var result = reconcile(List.of(accepted("a", 10, "id-a")),
                Map.of("a", new StoredLead("a", "id-a", true, false, 0, 0, false, 0)));
        assertEquals(List.of("lost: accepted, neither alerted nor queued"), rules(result));
        assertTrue(result.breaches().get(0).evidence().contains("scored, not routed"));
        assertEquals(1, result.phases().get(0).lost());
    }

    @Test
    void aQueuedLeadIsNotLost() {
        var result = reconcile(List.of(accepted("a", 10, "id-a")),
                Map.of("a", new StoredLead("a", "id-a", true, true, 0, 0, true, 0)));
        assertTrue(result.balanced());
        assertEquals(1, result.phases().get(0).queued());
    }

    @Test
    void anAcceptedLeadIntakeDoesNotHoldIsLost() {
        var result = reconcile(List.of(accepted("a", 10, "id-a")), Map.of());
        assertEquals(List.of("accepted but not stored"), rules(result));
    }

    @Test
    void twoAlertsForOneAssignmentAndTwoOpenAssignmentsAreDuplicates() {
        var result = reconcile(List.of(accepted("a", 10, "id-a")),
                Map.of("a", new StoredLead("a", "id-a", true, true, 2, 2, false, 3)));
        assertTrue(rules(result).containsAll(List.of("alerted twice", "two open assignments",
                "assigned more than once")), rules(result).toString());
        assertEquals(1, result.phases().get(0).duplicated());
    }

    @Test
    void aLeadStoredForARefusalIsABreachButNotForAnUnansweredDelivery() {
        Delivery refused = new Delivery("a", "w-a", 1, false, 10, 503, true, null, null);
        Delivery timedOut = new Delivery("b", "w-b", 1, false, 10, 0, false, null, "timeout");
        var result = reconcile(List.of(refused, timedOut),
                Map.of("a", alerted("a", "id-a"), "b", alerted("b", "id-b")));
        assertEquals(List.of("stored for a refusal"), rules(result));
    }

    @Test
    void aRedeliveryAnsweredWithAnotherLeadIdIsABreach() {
        Delivery again = new Delivery("a", "w-a", 1, true, 20, 202, false, "id-other", null);
        var result = reconcile(List.of(accepted("a", 10, "id-a"), again), Map.of("a", alerted("a", "id-a")));
        assertEquals(List.of("one lead answered with two lead ids"), rules(result));
    }

    @Test
    void refusalsOtherThan503WithRetryAfterAndLowAvailabilityDuringTheBrokerOutageAreBreaches() {
        Delivery bare503 = new Delivery("a", "w-a", 1, false, 1_100, 503, false, null, null);
        Delivery retried = new Delivery("a", "w-a", 2, false, 1_200, 202, false, "id-a", null);
        var result = reconcile(List.of(bare503, retried), Map.of("a", alerted("a", "id-a")));
        assertEquals(List.of("refusal other than 503 with Retry-After", "intake availability below its goal"),
                rules(result));
        assertEquals(0.5, result.phases().get(1).availability());
    }

    @Test
    void deadLettersMustBeExactlyTheInjectedPoison() {
        PoisonEvent poison = new PoisonEvent("warmline.lead-assigned", "poison-1",
                List.of("warmline.dlq.scoring-service.lead-assigned", "warmline.dlq.intake-service.lead-assigned"));
        List<DeadLetter> letters = List.of(
                new DeadLetter("warmline.dlq.scoring-service.lead-assigned", "poison-1", 10),
                new DeadLetter("warmline.dlq.scoring-service.lead-assigned", "poison-1", 11),
                new DeadLetter("warmline.dlq.routing-service.lead-scored", "{\"a real event\":1}", 1_500));
        var result = new Ledger(PHASES).reconcile(List.of(), Map.of(), List.of(), List.of(poison), letters, List.of(),
                Map.of());
        assertEquals(List.of("poison dead-lettered twice", "dead letter that was not injected poison",
                "poison not dead-lettered"), rules(result));
        assertEquals(2, result.phases().get(0).deadLettered());
        assertEquals(1, result.phases().get(1).deadLettered());
    }

    @Test
    void anAlertNeverSeenOnAStreamOrSeenWithTwoIdsIsABreach() {
        var ledger = new Ledger(PHASES);
        var unseen = ledger.reconcile(List.of(accepted("a", 10, "id-a")), Map.of("a", alerted("a", "id-a")),
                List.of(), List.of(), List.of(), List.of(), Map.of());
        assertEquals(List.of("alert never reached the rep's stream"), rules(unseen));
        var twice = ledger.reconcile(List.of(accepted("a", 10, "id-a")), Map.of("a", alerted("a", "id-a")),
                List.of(), List.of(), List.of(), List.of(), Map.of("id-a", 2));
        assertEquals(List.of("alerted twice on the rep's stream"), rules(twice));
    }

    @Test
    void aTimerStepFiredTwiceAndAnUnparkedRowAreBreaches() {
        var result = new Ledger(PHASES).reconcile(List.of(), Map.of(),
                List.of(new TimerStepFiredTwice("id-a", 1, "reminder", 1, 2)), List.of(), List.of(),
                List.of("routing outbox row 7 for warmline.no-such-topic"), Map.of());
        assertEquals(List.of("reminder or escalation step fired twice", "event for a missing topic not parked"),
                rules(result));
    }
}
