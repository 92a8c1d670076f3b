package io.warmline.routing.domain;

import io.warmline.platform.domain.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FollowUpRulesTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant MONDAY_0930 = Instant.parse("2026-11-23T09:30:00Z");
    static final Instant TOMORROW = MONDAY_0930.plusSeconds(86_400);
    final FollowUpRules rules = new FollowUpRules(AttemptCadence.DEFAULT);

    FollowUpRules.Result log(String outcome, String objection, String step, Instant dueAt, int unanswered,
                             Instant at) {
        return rules.decide(new FollowUpRules.Attempt(outcome, objection, step, dueAt), unanswered, at, LONDON);
    }

    static List<String> fields(FollowUpRules.Result result) {
        return result.problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void anUnansweredCallToALeadWithACallWindowIsTriedAgainInsideIt() {
        CallWindow evening = new CallWindow(Instant.parse("2026-11-23T18:00:00Z"),
                Instant.parse("2026-11-23T19:00:00Z"), LONDON);
        Instant triedAt = Instant.parse("2026-11-23T18:10:00Z");
        FollowUpRules.Decision decision = rules.decide(new FollowUpRules.Attempt("no_answer", null, null, null), 0,
                triedAt, LONDON, Optional.of(evening)).decision();
        assertEquals(new NextStep(NextStepType.NEXT_ATTEMPT, Instant.parse("2026-11-24T18:00:00Z")),
                decision.nextStep(), "tomorrow's window, not the cadence's 10:00");
        FollowUpRules.Decision last = rules.decide(new FollowUpRules.Attempt("voicemail", null, null, null), 2,
                triedAt, LONDON, Optional.of(evening)).decision();
        assertEquals(Optional.of(ClosureReason.UNREACHABLE), last.closes(), "the cadence's count still ends it");
    }

    @Test
    void aConnectedCallWithADatedNextStepKeepsTheLeadOpen() {
        FollowUpRules.Decision decision = log("connected", null, "site_visit", TOMORROW, 0, MONDAY_0930).decision();
        assertEquals(new NextStep(NextStepType.SITE_VISIT, TOMORROW), decision.nextStep());
        assertEquals(Optional.empty(), decision.closes());
    }

    @Test
    void aConnectedCallWithoutANextStepIsRefused() {
        assertEquals(List.of("nextStep.type"), fields(log("connected", null, null, null, 0, MONDAY_0930)));
        assertEquals(List.of("nextStep.dueAt"), fields(log("connected", null, "proposal", null, 0, MONDAY_0930)));
        assertEquals(List.of("nextStep.dueAt"), fields(log("connected", null, "follow_up_call",
                MONDAY_0930.minusSeconds(60), 0, MONDAY_0930)));
        assertEquals(List.of("nextStep.type"), fields(log("connected", null, "next_attempt", TOMORROW, 0,
                MONDAY_0930)), "our own steps are not the rep's to choose");
    }

    @Test
    void signedAndNotInterestedCloseTheLeadWithoutADate() {
        assertEquals(Optional.of(ClosureReason.SIGNED),
                log("connected", null, "signed", null, 0, MONDAY_0930).decision().closes());
        FollowUpRules.Decision no = log("connected", null, "not_interested", TOMORROW, 0, MONDAY_0930).decision();
        assertEquals(new NextStep(NextStepType.NOT_INTERESTED, null), no.nextStep());
        assertEquals(Optional.of(ClosureReason.NOT_INTERESTED), no.closes());
    }

    @Test
    void anObjectionNeedsADatedFollowUp() {
        assertEquals(List.of("nextStep.type"), fields(log("connected", "think_about_it", "not_interested", null, 0,
                MONDAY_0930)));
        assertEquals(List.of("nextStep.dueAt"), fields(log("connected", "send_information", "follow_up_call", null, 0,
                MONDAY_0930)));
        FollowUpRules.Decision decision = log("connected", "not_ready", "follow_up_call", TOMORROW, 0, MONDAY_0930)
                .decision();
        assertEquals(Objection.NOT_READY, decision.objection());
        assertEquals(TOMORROW, decision.nextStep().dueAt());
    }

    @Test
    void unknownNamesAndMisplacedObjectionsAreRefusedByField() {
        assertEquals(List.of("outcome"), fields(log(null, null, null, null, 0, MONDAY_0930)));
        assertEquals(List.of("outcome"), fields(log("hung_up", null, null, null, 0, MONDAY_0930)));
        assertEquals(List.of("objection"), fields(log("no_answer", "not_ready", null, null, 0, MONDAY_0930)));
        assertEquals(List.of("objection", "nextStep.type"),
                fields(log("connected", "too_expensive", "lunch", null, 0, MONDAY_0930)));
    }

    @Test
    void unansweredCallsAlternateTheTimeOfDayThenEndWithAFinalEmail() {
        FollowUpRules.Decision first = log("no_answer", null, null, null, 0, MONDAY_0930).decision();
        assertEquals(new NextStep(NextStepType.NEXT_ATTEMPT, Instant.parse("2026-11-23T15:00:00Z")),
                first.nextStep(), "a morning try: next mid-afternoon");
        FollowUpRules.Decision second = log("voicemail", null, null, null, 1, Instant.parse("2026-11-23T15:05:00Z"))
                .decision();
        assertEquals(new NextStep(NextStepType.NEXT_ATTEMPT, Instant.parse("2026-11-24T10:00:00Z")),
                second.nextStep(), "an afternoon try: next morning");
        FollowUpRules.Decision third = log("no_answer", null, null, null, 2, Instant.parse("2026-11-24T10:02:00Z"))
                .decision();
        assertEquals(NextStepType.FINAL_EMAIL, third.nextStep().type());
        assertEquals(Optional.of(ClosureReason.UNREACHABLE), third.closes());
    }

    @Test
    void theCadenceIsConfigurableAndFollowsTheRepsTimeZone() {
        AttemptCadence four = new AttemptCadence(4, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(14, 30));
        assertTrue(!four.exhausted(3) && four.exhausted(4));
        // 09:30 UTC is 20:30 in Sydney: an evening try, so next morning there at 09:00 (22:00 UTC).
        assertEquals(Instant.parse("2026-11-23T22:00:00Z"), four.nextAttempt(MONDAY_0930,
                ZoneId.of("Australia/Sydney")));
    }

    @Test
    void aWrongNumberClosesTheLeadWithAFinalEmail() {
        FollowUpRules.Decision decision = log("wrong_number", null, null, null, 0, MONDAY_0930).decision();
        assertEquals(new NextStep(NextStepType.FINAL_EMAIL, MONDAY_0930), decision.nextStep());
        assertEquals(Optional.of(ClosureReason.WRONG_NUMBER), decision.closes());
    }

    @Test
    void reassignmentPolicyShortensTheDeadlineThenBreaches() {
        ReassignmentPolicy policy = new ReassignmentPolicy(2, java.time.Duration.ofMinutes(30));
        assertEquals(Optional.of(MONDAY_0930.plusSeconds(1800)), policy.afterLapse(1, MONDAY_0930));
        assertEquals(Optional.empty(), policy.afterLapse(2, MONDAY_0930));
    }
}
