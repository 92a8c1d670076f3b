package io.warmline.notification.domain;

import io.warmline.platform.domain.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.warmline.notification.domain.EscalationTarget.OPERATOR;
import static io.warmline.notification.domain.EscalationTarget.REP;
import static io.warmline.notification.domain.EscalationTarget.TEAM_LEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy evaluation with an injected clock: an hour-long policy in milliseconds. */
class EscalationPolicyTest {

    private static final Instant ASSIGNED = Instant.parse("2026-11-23T15:00:00Z");

    /** The example: remind at +10 and +20, team lead at +30, operator at +45, deadline at +60. */
    static EscalationPolicy hourRule(Duration repeatEvery) {
        return new EscalationPolicy("hot", EscalationPolicy.ANY_TEAM, 1, List.of(
                new EscalationStep(Duration.ofMinutes(10), REP, "Call now"),
                new EscalationStep(Duration.ofMinutes(20), REP, "Still waiting"),
                new EscalationStep(Duration.ofMinutes(30), TEAM_LEAD, "Not called after 30 min"),
                new EscalationStep(Duration.ofMinutes(45), OPERATOR, "Not called after 45 min")),
                repeatEvery, Duration.ofMinutes(60));
    }

    private final MutableClock clock = new MutableClock(ASSIGNED);
    private final LeadEscalation lead = new LeadEscalation(clock);

    @Test
    void stepsFireInOrderEachAtItsOffsetNeverEarly() {
        lead.assigned(1, "rep-alex", ASSIGNED, hourRule(null));

        assertEquals(List.of(), lead.fireDue(), "nothing at assignment: the alert is not a step");
        clock.set(ASSIGNED.plus(Duration.ofMinutes(10)).minusMillis(1));
        assertEquals(List.of(), lead.fireDue(), "never early, not even by a millisecond");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(1), steps(lead.fireDue()));
        clock.advance(Duration.ofMinutes(25));
        List<EscalationTimer> due = lead.fireDue();
        assertEquals(List.of(2, 3), steps(due), "both steps that came due meanwhile, earliest first");
        assertEquals(List.of(REP, TEAM_LEAD), due.stream().map(EscalationTimer::target).toList());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(OPERATOR), lead.fireDue().stream().map(EscalationTimer::target).toList());
        assertEquals(List.of(), lead.fireDue(), "a timer fires once");
    }

    @Test
    void theDeadlineComesAfterTheLastStep() {
        lead.assigned(1, "rep-alex", ASSIGNED, hourRule(null));
        clock.set(ASSIGNED.plus(Duration.ofMinutes(59)));
        assertEquals(4, lead.fireDue().size());
        clock.set(ASSIGNED.plus(Duration.ofMinutes(60)));
        List<EscalationTimer> due = lead.fireDue();
        assertEquals(1, due.size());
        assertEquals(TimerKind.DEADLINE, due.get(0).kind());
        assertEquals(ASSIGNED.plus(Duration.ofHours(1)), due.get(0).dueAt());
        assertTrue(lead.pending().isEmpty());
    }

    @Test
    void aFollowUpCancelsEveryPendingStepAndTheDeadline() {
        lead.assigned(1, "rep-alex", ASSIGNED, hourRule(null));
        clock.set(ASSIGNED.plus(Duration.ofMinutes(12)));
        assertEquals(List.of(1), steps(lead.fireDue()));

        lead.followUpLogged(clock.instant(), null, null);
        clock.set(ASSIGNED.plus(Duration.ofDays(1)));
        assertEquals(List.of(), lead.fireDue());
    }

    @Test
    void aScheduledNextStepBecomesAReminderAtThatTime() {
        lead.assigned(1, "rep-alex", ASSIGNED, hourRule(null));
        Instant callback = ASSIGNED.plus(Duration.ofDays(2));
        lead.followUpLogged(ASSIGNED.plusSeconds(60), callback, "final_email");

        clock.set(callback.minusSeconds(1));
        assertEquals(List.of(), lead.fireDue());
        clock.set(callback);
        EscalationTimer due = lead.fireDue().get(0);
        assertEquals(TimerKind.CALLBACK, due.kind());
        assertEquals(REP, due.target());
        assertTrue(due.message().contains("final email"), due.message());
    }

    @Test
    void aReassignmentStartsThePolicyAfreshForTheNewRep() {
        lead.assigned(1, "rep-alex", ASSIGNED, hourRule(null));
        clock.set(ASSIGNED.plus(Duration.ofMinutes(25)));
        assertEquals(List.of(1, 2), steps(lead.fireDue()));

        Instant reassigned = clock.instant();
        assertEquals(LeadProgress.Assignment.ALERT_AND_CHASE, lead.assigned(2, "rep-bea", reassigned, hourRule(null)));
        assertEquals("rep-bea", lead.repId());
        clock.set(ASSIGNED.plus(Duration.ofMinutes(31)));
        assertEquals(List.of(), lead.fireDue(), "the old assignment's team-lead step is gone");
        clock.set(reassigned.plus(Duration.ofMinutes(10)));
        assertEquals(List.of(1), steps(lead.fireDue()), "step 1 again, counted from the reassignment");
    }

    @Test
    void anOlderOrRepeatedAssignmentChangesNothing() {
        lead.assigned(2, "rep-bea", ASSIGNED, hourRule(null));
        assertEquals(LeadProgress.Assignment.IGNORE, lead.assigned(1, "rep-alex", ASSIGNED.plusSeconds(5), hourRule(null)));
        assertEquals(LeadProgress.Assignment.IGNORE, lead.assigned(2, "rep-bea", ASSIGNED.plusSeconds(5), hourRule(null)));
        assertEquals("rep-bea", lead.repId());
        assertEquals(ASSIGNED.plus(Duration.ofMinutes(10)), lead.pending().get(0).dueAt());
    }

    @Test
    void noReminderToTheRepAfterTheProspectsCallWindowClosesButTheEscalationsStay() {
        Instant windowEnd = ASSIGNED.plus(Duration.ofMinutes(15));
        List<EscalationTimer> timers = hourRule(null).timersFrom(ASSIGNED, windowEnd);
        assertEquals(List.of(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(45),
                        Duration.ofMinutes(60)),
                timers.stream().map(timer -> Duration.between(ASSIGNED, timer.dueAt())).toList(),
                "the +20 reminder would fall after the window; the team lead, operator and deadline stay");
        assertEquals(List.of(REP, TEAM_LEAD, OPERATOR), timers.stream().map(EscalationTimer::target)
                .filter(java.util.Objects::nonNull).toList());
        assertEquals(hourRule(null).timersFrom(ASSIGNED), hourRule(null).timersFrom(ASSIGNED, null),
                "without a window, every timer");
        assertEquals(hourRule(null).timersFrom(ASSIGNED),
                hourRule(null).timersFrom(ASSIGNED, ASSIGNED.plus(Duration.ofMinutes(20))),
                "a reminder due as the window closes still comes");
    }

    @Test
    void theLastStepRepeatsUntilTheDeadline() {
        lead.assigned(1, "rep-alex", ASSIGNED, hourRule(Duration.ofMinutes(5)));
        clock.set(ASSIGNED.plus(Duration.ofMinutes(60)));
        List<EscalationTimer> all = lead.fireDue();

        List<Duration> operatorAt = all.stream().filter(timer -> timer.target() == OPERATOR)
                .map(timer -> Duration.between(ASSIGNED, timer.dueAt())).toList();
        assertEquals(List.of(Duration.ofMinutes(45), Duration.ofMinutes(50), Duration.ofMinutes(55)), operatorAt,
                "a repeat at the deadline itself is left out: the deadline escalates to operators anyway");
        assertEquals(TimerKind.DEADLINE, all.get(all.size() - 1).kind());
        assertEquals(4, all.get(5).step(), "a repeat keeps the step number it repeats");
    }

    @Test
    void aClosedLeadFiresNothing() {
        lead.assigned(1, "rep-alex", ASSIGNED, hourRule(null));
        lead.closed();
        clock.set(ASSIGNED.plus(Duration.ofDays(1)));
        assertEquals(List.of(), lead.fireDue());
    }

    @Test
    void theHourRuleIsValid() {
        assertEquals(List.of(), hourRule(Duration.ofMinutes(5)).problems());
    }

    @Test
    void aPolicyOutOfOrderOrPastItsDeadlineIsRefusedFieldByField() {
        EscalationPolicy bad = new EscalationPolicy("lukewarm", "", 1, List.of(
                new EscalationStep(Duration.ofMinutes(20), REP, "a"),
                new EscalationStep(Duration.ofMinutes(10), null, " "),
                new EscalationStep(Duration.ZERO, REP, "at once"),
                new EscalationStep(Duration.ofMinutes(90), REP, "too late")),
                Duration.ofMillis(10), Duration.ofMinutes(60));

        List<String> fields = bad.problems().stream().map(FieldProblem::field).toList();
        assertEquals(List.of("tier", "teamId", "steps[1].offset", "steps[1].target", "steps[1].message",
                "steps[2].offset", "steps[3].offset", "repeatEvery"), fields);
    }

    @Test
    void aPolicyNeedsADeadline() {
        EscalationPolicy noDeadline = new EscalationPolicy("hot", "*", 1, List.of(), null, null);
        assertEquals(List.of("deadline"), noDeadline.problems().stream().map(FieldProblem::field).toList());
        assertEquals(List.of(TimerKind.DEADLINE), new EscalationPolicy("hot", "*", 1, List.of(), null,
                Duration.ofSeconds(3)).timersFrom(ASSIGNED).stream().map(EscalationTimer::kind).toList());
    }

    @Test
    void theClockIsTheOnlyTimeSource() {
        LeadEscalation fixed = new LeadEscalation(Clock.fixed(ASSIGNED.plus(Duration.ofHours(2)),
                java.time.ZoneOffset.UTC));
        fixed.assigned(1, "rep-alex", ASSIGNED, hourRule(null));
        assertEquals(5, fixed.fireDue().size(), "everything of a past hour is due at once, e.g. after a restart");
    }

    private static List<Integer> steps(List<EscalationTimer> timers) {
        return timers.stream().map(EscalationTimer::step).toList();
    }
}
