package io.warmline.platform.domain;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The next moment on shift, for notification's callback reminders, in the rep's time zone. */
class WorkingHoursTest {

    private static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    private static final WorkingHours LONDON_WEEKDAYS = hours("Europe/London", "09:00", "17:30", WEEKEND);
    private static final WorkingHours NEW_YORK_WEEKDAYS = hours("America/New_York", "09:00", "17:30", WEEKEND);

    private static WorkingHours hours(String zone, String start, String end, Set<DayOfWeek> daysOff) {
        return new WorkingHours(ZoneId.of(zone), LocalTime.parse(start), LocalTime.parse(end), daysOff);
    }

    @Test
    void aReminderDueWithinTheShiftIsKept() {
        Instant tuesdayTenLondon = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(tuesdayTenLondon, LONDON_WEEKDAYS.nextOnShift(tuesdayTenLondon));
    }

    @Test
    void aReminderDueInTheEveningWaitsForTheNextMorning() {
        assertEquals(Instant.parse("2026-12-02T09:00:00Z"),
                LONDON_WEEKDAYS.nextOnShift(Instant.parse("2026-12-01T20:00:00Z")));
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"),
                LONDON_WEEKDAYS.nextOnShift(Instant.parse("2026-12-01T03:00:00Z")), "early the same day");
    }

    @Test
    void aReminderDueOnTheWeekendWaitsForMonday() {
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"),
                LONDON_WEEKDAYS.nextOnShift(Instant.parse("2026-12-04T18:00:00Z")), "Friday evening");
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"),
                LONDON_WEEKDAYS.nextOnShift(Instant.parse("2026-12-05T11:00:00Z")), "Saturday morning");
    }

    @Test
    void theSameMomentIsJudgedInEachRepsOwnTimeZone() {
        Instant tuesdayTenLondon = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(tuesdayTenLondon, LONDON_WEEKDAYS.nextOnShift(tuesdayTenLondon));
        assertEquals(Instant.parse("2026-12-01T14:00:00Z"), NEW_YORK_WEEKDAYS.nextOnShift(tuesdayTenLondon),
                "5 a.m. in New York: at 9:00 New York time");
    }

    @Test
    void anOvernightShiftCoversTheSmallHoursButNotTheNightAfterADayOff() {
        WorkingHours nights = hours("UTC", "22:00", "06:00", Set.of(DayOfWeek.SUNDAY));
        assertTrue(nights.onShift(Instant.parse("2026-12-01T02:00:00Z")), "Tuesday 02:00, Monday's night");
        assertFalse(nights.onShift(Instant.parse("2026-12-07T02:00:00Z")), "Monday 02:00, Sunday's night is off");
        assertEquals(Instant.parse("2026-12-07T22:00:00Z"), nights.nextOnShift(Instant.parse("2026-12-07T02:00:00Z")));
        assertEquals(Instant.parse("2026-12-01T22:00:00Z"), nights.nextOnShift(Instant.parse("2026-12-01T12:00:00Z")));
    }

    @Test
    void roundTheClockKeepsEverythingButDaysOff() {
        WorkingHours always = hours("UTC", "00:00", "00:00", Set.of(DayOfWeek.SUNDAY));
        assertEquals(Instant.parse("2026-12-05T23:59:00Z"), always.nextOnShift(Instant.parse("2026-12-05T23:59:00Z")));
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), always.nextOnShift(Instant.parse("2026-12-06T12:00:00Z")));
        WorkingHours unknown = WorkingHours.ALWAYS;
        assertEquals(Instant.parse("2026-12-06T03:00:00Z"), unknown.nextOnShift(Instant.parse("2026-12-06T03:00:00Z")));
    }
}
