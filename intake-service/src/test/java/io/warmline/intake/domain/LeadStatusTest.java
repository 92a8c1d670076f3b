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
    void aStoredLeadHasAtLeastOneMilestone() {
        assertThrows(IllegalArgumentException.class, () -> LeadStatus.of(List.of()));
    }
}
