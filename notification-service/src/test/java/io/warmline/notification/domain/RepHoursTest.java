package io.warmline.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callback and attempt reminders keep to the rep's working hours, in the rep's time zone. */
class RepHoursTest {

    private static final RepHours LONDON_WEEKDAYS = RepHours.of("Europe/London", "09:00", "17:30", "saturday,sunday");
    private static final RepHours NEW_YORK_WEEKDAYS = RepHours.of("America/New_York", "09:00", "17:30",
            "saturday,sunday");

    @Test
    void aReminderDueWithinTheShiftIsKept() {
        Instant tuesdayTenLondon = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(tuesdayTenLondon, LONDON_WEEKDAYS.withinHours(tuesdayTenLondon));
    }

    @Test
    void aReminderDueInTheEveningWaitsForTheNextMorning() {
        assertEquals(Instant.parse("2026-12-02T09:00:00Z"),
                LONDON_WEEKDAYS.withinHours(Instant.parse("2026-12-01T20:00:00Z")));
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"),
                LONDON_WEEKDAYS.withinHours(Instant.parse("2026-12-01T03:00:00Z")), "early the same day");
    }

    @Test
    void aReminderDueOnTheWeekendWaitsForMonday() {
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"),
                LONDON_WEEKDAYS.withinHours(Instant.parse("2026-12-04T18:00:00Z")), "Friday evening");
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"),
                LONDON_WEEKDAYS.withinHours(Instant.parse("2026-12-05T11:00:00Z")), "Saturday morning");
    }

    @Test
    void theSameMomentIsJudgedInEachRepsOwnTimeZone() {
        Instant tuesdayTenLondon = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(tuesdayTenLondon, LONDON_WEEKDAYS.withinHours(tuesdayTenLondon));
        assertEquals(Instant.parse("2026-12-01T14:00:00Z"), NEW_YORK_WEEKDAYS.withinHours(tuesdayTenLondon),
                "5 a.m. in New York: at 9:00 New York time");
    }

    @Test
    void anOvernightShiftCoversTheSmallHoursButNotTheNightAfterADayOff() {
        RepHours nights = RepHours.of("UTC", "22:00", "06:00", "sunday");
        assertTrue(nights.onShift(Instant.parse("2026-12-01T02:00:00Z")), "Tuesday 02:00, Monday's night");
        assertFalse(nights.onShift(Instant.parse("2026-12-07T02:00:00Z")), "Monday 02:00, Sunday's night is off");
        assertEquals(Instant.parse("2026-12-07T22:00:00Z"), nights.withinHours(Instant.parse("2026-12-07T02:00:00Z")));
        assertEquals(Instant.parse("2026-12-01T22:00:00Z"), nights.withinHours(Instant.parse("2026-12-01T12:00:00Z")));
    }

    @Test
    void roundTheClockKeepsEverythingButDaysOffAndUnknownHoursKeepEverything() {
        RepHours always = RepHours.of("UTC", "00:00", "00:00", "sunday");
        assertEquals(Instant.parse("2026-12-05T23:59:00Z"), always.withinHours(Instant.parse("2026-12-05T23:59:00Z")));
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), always.withinHours(Instant.parse("2026-12-06T12:00:00Z")));
        RepHours unknown = RepHours.of(null, null, null, null);
        assertEquals(Instant.parse("2026-12-06T03:00:00Z"), unknown.withinHours(Instant.parse("2026-12-06T03:00:00Z")));
    }
}
