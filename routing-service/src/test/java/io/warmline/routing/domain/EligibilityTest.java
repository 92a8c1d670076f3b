package io.warmline.routing.domain;

import io.warmline.platform.domain.WorkingHours;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.warmline.routing.domain.Reps.rep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EligibilityTest {

    // Monday 23 November 2026, 09:30 UTC (09:30 in London, 01:30 in Los Angeles, 20:30 in Sydney).
    static final Instant MONDAY_0930_UTC = Instant.parse("2026-11-23T09:30:00Z");
    static final LeadToRoute LONDON_SOLAR = new LeadToRoute(UUID.randomUUID(), 90, "hot", "London", "Solar");

    static Candidate working(WorkingHours hours) {
        Candidate rep = rep("alex");
        return new Candidate(rep.repId(), rep.teamId(), rep.presence(), rep.capacity(), 0, rep.coverage(), hours, 0, 1,
                0, null);
    }

    static Candidate covering(Coverage coverage) {
        Candidate rep = rep("alex");
        return new Candidate(rep.repId(), rep.teamId(), rep.presence(), rep.capacity(), 0, coverage, rep.hours(), 0, 1,
                0, null);
    }

    @Test
    void aRepOnShiftInTheirOwnTimeZone() {
        WorkingHours london = new WorkingHours(ZoneId.of("Europe/London"), LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of());
        WorkingHours sydney = new WorkingHours(ZoneId.of("Australia/Sydney"), LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of());
        assertTrue(london.onShift(MONDAY_0930_UTC));
        assertFalse(sydney.onShift(MONDAY_0930_UTC), "20:30 in Sydney");
        assertFalse(london.onShift(Instant.parse("2026-11-23T17:00:00Z")), "the end is exclusive");
        assertTrue(london.onShift(Instant.parse("2026-07-20T08:30:00Z")), "09:30 BST in summer");
    }

    @Test
    void aNightShiftCrossesMidnight() {
        WorkingHours nights = new WorkingHours(ZoneId.of("Europe/London"), LocalTime.of(22, 0), LocalTime.of(6, 0),
                Set.of(DayOfWeek.SUNDAY));
        assertTrue(nights.onShift(Instant.parse("2026-11-23T23:00:00Z")), "Monday 23:00");
        assertTrue(nights.onShift(Instant.parse("2026-11-24T05:59:00Z")), "Tuesday 05:59, Monday's night");
        assertFalse(nights.onShift(Instant.parse("2026-11-24T06:00:00Z")));
        assertFalse(nights.onShift(Instant.parse("2026-11-23T12:00:00Z")));
        assertFalse(nights.onShift(Instant.parse("2026-11-22T23:00:00Z")), "Sunday night is off");
        assertFalse(nights.onShift(Instant.parse("2026-11-23T03:00:00Z")), "early Monday belongs to Sunday's night");
    }

    @Test
    void noOneWorksOnTheirDayOff() {
        WorkingHours weekdays = new WorkingHours(ZoneId.of("Europe/London"), LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        assertFalse(weekdays.onShift(Instant.parse("2026-11-22T10:00:00Z")), "Sunday");
        WorkingHours roundTheClock = new WorkingHours(ZoneId.of("UTC"), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                Set.of(DayOfWeek.MONDAY));
        assertFalse(roundTheClock.onShift(MONDAY_0930_UTC));
        assertTrue(WorkingHours.ALWAYS.onShift(MONDAY_0930_UTC));
    }

    @Test
    void capacityAndPresenceDecide() {
        Candidate full = Reps.with(rep("full"), 3, null);
        Candidate busy = new Candidate("busy", "team-a", Presence.BUSY, 3, 0, Coverage.EVERYTHING, WorkingHours.ALWAYS,
                0, 1, 0, null);
        assertEquals(Optional.of("at capacity (3 of 3)"), Eligibility.whyNot(full, LONDON_SOLAR, MONDAY_0930_UTC));
        assertEquals(Optional.of("not available (busy)"), Eligibility.whyNot(busy, LONDON_SOLAR, MONDAY_0930_UTC));
        assertEquals(Optional.empty(), Eligibility.whyNot(Reps.with(rep("room"), 2, null), LONDON_SOLAR,
                MONDAY_0930_UTC));
    }

    @Test
    void territoryAndProductMustBeCovered() {
        Candidate manchester = covering(new Coverage(Set.of("Manchester"), Set.of()));
        Candidate londonHeatPumps = covering(new Coverage(Set.of("london", "the Midlands"), Set.of("Heat pumps")));
        Candidate nationalSolar = covering(new Coverage(Set.of("national"), Set.of("solar")));
        assertEquals(Optional.of("does not cover London"), Eligibility.whyNot(manchester, LONDON_SOLAR,
                MONDAY_0930_UTC));
        assertEquals(Optional.of("does not sell Solar"), Eligibility.whyNot(londonHeatPumps, LONDON_SOLAR,
                MONDAY_0930_UTC));
        assertTrue(Eligibility.whyNot(nationalSolar, LONDON_SOLAR, MONDAY_0930_UTC).isEmpty());
        LeadToRoute anywhere = new LeadToRoute(UUID.randomUUID(), 50, "warm", null, null);
        assertTrue(Eligibility.whyNot(manchester, anywhere, MONDAY_0930_UTC).isEmpty());
    }

    @Test
    void theExcludedRepIsNeverEligible() {
        List<Candidate> reps = List.of(rep("alex"), rep("sam"));
        assertEquals(List.of(rep("sam")), Eligibility.eligible(reps, LONDON_SOLAR, MONDAY_0930_UTC, Set.of("alex")));
    }
}
