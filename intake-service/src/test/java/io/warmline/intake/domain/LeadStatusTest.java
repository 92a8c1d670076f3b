package io.warmline.intake.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LeadStatusTest {

    static final Instant T = Instant.parse("2026-11-23T11:00:00Z");

    @Test
    void aNewLeadIsReceived() {
        LeadStatus status = LeadStatus.of(List.of(new LeadStatus.Reached(Milestone.RECEIVED, T, null)));
        assertEquals(Milestone.RECEIVED, status.status());
        assertNull(status.outcome());
    }

    @Test
    void theFurthestMilestoneWinsWhateverOrderTheyWereReportedIn() {
        LeadStatus status = LeadStatus.of(List.of(
                new LeadStatus.Reached(Milestone.FOLLOWED_UP, T.plusSeconds(600), "voicemail"),
                new LeadStatus.Reached(Milestone.RECEIVED, T, null),
                new LeadStatus.Reached(Milestone.ASSIGNED, T.plusSeconds(5), null)));
        assertEquals(Milestone.FOLLOWED_UP, status.status());
        assertEquals(List.of(Milestone.RECEIVED, Milestone.ASSIGNED, Milestone.FOLLOWED_UP),
                status.milestones().stream().map(LeadStatus.Reached::milestone).toList());
    }

    @Test
    void theOutcomeIsTheLatestOneKnown() {
        LeadStatus status = LeadStatus.of(List.of(
                new LeadStatus.Reached(Milestone.RECEIVED, T, null),
                new LeadStatus.Reached(Milestone.FOLLOWED_UP, T.plusSeconds(600), "no_answer"),
                new LeadStatus.Reached(Milestone.FOLLOWED_UP, T.plusSeconds(7200), "connected"),
                new LeadStatus.Reached(Milestone.CLOSED, T.plusSeconds(7300), "proposal")));
        assertEquals(Milestone.CLOSED, status.status());
        assertEquals("proposal", status.outcome());
    }

    @Test
    void whileFollowedUpTheOutcomeIsTheLatestCalls() {
        LeadStatus status = LeadStatus.of(List.of(
                new LeadStatus.Reached(Milestone.RECEIVED, T, null),
                new LeadStatus.Reached(Milestone.ASSIGNED, T.plusSeconds(5), null),
                new LeadStatus.Reached(Milestone.FOLLOWED_UP, T.plusSeconds(7200), "connected"),
                new LeadStatus.Reached(Milestone.FOLLOWED_UP, T.plusSeconds(600), "no_answer")));
        assertEquals(Milestone.FOLLOWED_UP, status.status());
        assertEquals("connected", status.outcome());
    }

    @Test
    void aClosureReportedBeforeTheAssignmentStaysClosed() {
        LeadStatus status = LeadStatus.of(List.of(
                new LeadStatus.Reached(Milestone.RECEIVED, T, null),
                new LeadStatus.Reached(Milestone.CLOSED, T.plusSeconds(3600), "not_interested"),
                new LeadStatus.Reached(Milestone.ASSIGNED, T.plusSeconds(5), null)));
        assertEquals(Milestone.CLOSED, status.status());
        assertEquals("not_interested", status.outcome());
        assertEquals(List.of(Milestone.RECEIVED, Milestone.ASSIGNED, Milestone.CLOSED),
                status.milestones().stream().map(LeadStatus.Reached::milestone).toList());
    }

    @Test
    void aReassignmentAfterAFollowUpDoesNotTakeTheStatusBack() {
        LeadStatus status = LeadStatus.of(List.of(
                new LeadStatus.Reached(Milestone.RECEIVED, T, null),
                new LeadStatus.Reached(Milestone.ASSIGNED, T.plusSeconds(5), null),
                new LeadStatus.Reached(Milestone.FOLLOWED_UP, T.plusSeconds(600), "voicemail"),
                new LeadStatus.Reached(Milestone.ASSIGNED, T.plusSeconds(1800), null)));
        assertEquals(Milestone.FOLLOWED_UP, status.status());
        assertEquals("voicemail", status.outcome());
        assertEquals(List.of(Milestone.RECEIVED, Milestone.ASSIGNED, Milestone.FOLLOWED_UP, Milestone.ASSIGNED),
                status.milestones().stream().map(LeadStatus.Reached::milestone).toList());
    }

    @Test
    void theOutcomeIsTheFurthestMilestonesEvenWhenAnEarlierStepIsTimedLater() {
        // Clocks of different services disagree: a call logged "after" the closure does not change why it closed.
        LeadStatus status = LeadStatus.of(List.of(
                new LeadStatus.Reached(Milestone.RECEIVED, T, null),
                new LeadStatus.Reached(Milestone.CLOSED, T.plusSeconds(600), "wrong_number"),
                new LeadStatus.Reached(Milestone.FOLLOWED_UP, T.plusSeconds(601), "connected")));
        assertEquals(Milestone.CLOSED, status.status());
        assertEquals("wrong_number", status.outcome());
    }

    @Test
    void anAssignedLeadHasNoOutcomeYet() {
        LeadStatus status = LeadStatus.of(List.of(
                new LeadStatus.Reached(Milestone.ASSIGNED, T.plusSeconds(5), null),
                new LeadStatus.Reached(Milestone.RECEIVED, T, null)));
        assertEquals(Milestone.ASSIGNED, status.status());
        assertNull(status.outcome());
    }

    @Test
    void aStoredLeadHasAtLeastOneMilestone() {
        assertThrows(IllegalArgumentException.class, () -> LeadStatus.of(List.of()));
    }
}
