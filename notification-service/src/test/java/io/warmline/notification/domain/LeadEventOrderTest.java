package io.warmline.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Routing's {@code LeadAssigned}, {@code FollowUpLogged} and {@code LeadClosed} travel on three topics, so they can
 * arrive in any order. Every order of each story ends the same: a lead followed up or closed never reminds,
 * escalates or lapses, and an older assignment never alerts.
 */
class LeadEventOrderTest {

    private static final Instant FIRST = Instant.parse("2026-11-23T15:00:00Z");
    private static final Instant SECOND = FIRST.plus(Duration.ofMinutes(61));
    private static final EscalationPolicy HOUR_RULE = EscalationPolicyTest.hourRule(null);

    /** One incoming event, applied to the lead's escalation; an assignment notes whether it alerted. */
    private record Event(String name, Consumer<Story> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Story {
        final LeadEscalation lead = new LeadEscalation(new MutableClock(FIRST.plus(Duration.ofDays(2))));
        final TreeSet<Integer> alerted = new TreeSet<>();
    }

    private static Event assigned(int number, String rep, Instant at) {
        return new Event("assigned#" + number, story -> {
            if (story.lead.assigned(number, rep, at, HOUR_RULE) != LeadProgress.Assignment.IGNORE) {
                story.alerted.add(number);
            }
        });
    }

    private static Event followedUp(Instant at, Instant nextStepDueAt) {
        return new Event("followedUp@" + at, story -> story.lead.followUpLogged(at, nextStepDueAt, "follow_up_call"));
    }

    private static final Event CLOSED = new Event("closed", story -> story.lead.closed());

    @Test
    void aFollowedUpLeadNeverRemindsEscalatesOrLapses() {
        for (List<Event> order : orders(assigned(1, "rep-alex", FIRST), followedUp(FIRST.plusSeconds(90), null))) {
            Story story = play(order);
            assertEquals(List.of(), story.lead.fireDue(), order.toString());
            assertEquals(List.of(1), List.copyOf(story.alerted), order + ": the rep is alerted all the same");
        }
    }

    @Test
    void aFollowUpsNextStepIsTheOnlyReminderLeft() {
        Instant callback = FIRST.plus(Duration.ofDays(1));
        for (List<Event> order : orders(assigned(1, "rep-alex", FIRST), followedUp(FIRST.plusSeconds(90), callback))) {
            List<EscalationTimer> due = play(order).lead.fireDue();
            assertEquals(List.of(TimerKind.CALLBACK), due.stream().map(EscalationTimer::kind).toList(), order.toString());
            assertEquals(callback, due.get(0).dueAt(), order.toString());
        }
    }

    @Test
    void aClosedLeadNeverRemindsEscalatesOrLapsesNorAlertsAfterwards() {
        for (List<Event> order : orders(assigned(1, "rep-alex", FIRST), followedUp(FIRST.plusSeconds(90),
                FIRST.plus(Duration.ofDays(1))), CLOSED)) {
            Story story = play(order);
            assertEquals(List.of(), story.lead.fireDue(), order.toString());
            boolean assignedBeforeClose = order.indexOf(CLOSED) > order.indexOf(order.stream()
                    .filter(event -> event.name().startsWith("assigned")).findFirst().orElseThrow());
            assertEquals(assignedBeforeClose ? List.of(1) : List.of(), List.copyOf(story.alerted), order.toString());
        }
    }

    @Test
    void anOlderAssignmentNeverAlertsAndTheNewestIsChased() {
        for (List<Event> order : orders(assigned(1, "rep-alex", FIRST), assigned(2, "rep-bea", SECOND))) {
            Story story = play(order);
            boolean olderFirst = order.get(0).name().equals("assigned#1");
            assertEquals(olderFirst ? List.of(1, 2) : List.of(2), List.copyOf(story.alerted), order.toString());
            assertEquals("rep-bea", story.lead.repId(), order.toString());
            assertEquals(HOUR_RULE.timersFrom(SECOND), story.lead.fireDue(), order + ": the policy from the second");
        }
    }

    @Test
    void aFollowUpOfThePreviousRepsTurnDoesNotStopTheNewAssignment() {
        Event between = followedUp(FIRST.plus(Duration.ofMinutes(5)), FIRST.plus(Duration.ofDays(1)));
        for (List<Event> order : orders(assigned(1, "rep-alex", FIRST), assigned(2, "rep-bea", SECOND), between)) {
            Story story = play(order);
            assertEquals(HOUR_RULE.timersFrom(SECOND), story.lead.fireDue(), order.toString());
        }
    }

    @Test
    void aFollowUpOfTheNewestAssignmentStopsEverythingInEveryOrder() {
        Event after = followedUp(SECOND.plus(Duration.ofMinutes(5)), null);
        for (List<Event> order : orders(assigned(1, "rep-alex", FIRST), assigned(2, "rep-bea", SECOND), after)) {
            Story story = play(order);
            assertEquals(List.of(), story.lead.fireDue(), order.toString());
        }
    }

    @Test
    void everyOrderIsTried() {
        assertEquals(6, orders(CLOSED, CLOSED, CLOSED).size());
    }

    private static Story play(List<Event> order) {
        Story story = new Story();
        order.forEach(event -> event.apply().accept(story));
        return story;
    }

    /** Every permutation of the events. */
    private static List<List<Event>> orders(Event... events) {
        List<List<Event>> all = new ArrayList<>();
        permute(new ArrayList<>(List.of(events)), 0, all);
        return all;
    }

    private static void permute(List<Event> events, int from, List<List<Event>> into) {
        if (from == events.size()) {
            into.add(List.copyOf(events));
            return;
        }
        for (int i = from; i < events.size(); i++) {
            java.util.Collections.swap(events, from, i);
            permute(events, from + 1, into);
            java.util.Collections.swap(events, from, i);
        }
    }
}
