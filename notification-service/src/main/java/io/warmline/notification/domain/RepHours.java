package io.warmline.notification.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a rep works, in the rep's own time zone, as routing describes it ({@code RepChanged}): a callback or attempt
 * reminder due outside it waits for the start of the rep's next shift, so nobody is reminded at 3 a.m. or on a day
 * off. A shift may cross midnight (22:00-06:00: the hours after midnight belong to the shift that started the day
 * before); {@code start == end} is round the clock, days off still apply. Same rules as routing's eligibility.
 */
public record RepHours(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> daysOff) {

    public RepHours {
        daysOff = Set.copyOf(daysOff);
    }

    /** The rep's hours from the roster's copy; round the clock in UTC for what routing has not described. */
    public static RepHours of(String zone, String start, String end, String daysOff) {
        ZoneId id = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
        LocalTime from = start == null ? LocalTime.MIDNIGHT : LocalTime.parse(start);
        LocalTime to = end == null ? LocalTime.MIDNIGHT : LocalTime.parse(end);
        Set<DayOfWeek> off = daysOff == null || daysOff.isBlank() ? Set.of()
                : java.util.Arrays.stream(daysOff.split(",")).map(String::strip).filter(day -> !day.isEmpty())
                .map(day -> DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
        return new RepHours(id, from, to, off);
    }

    public boolean onShift(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek today = local.getDayOfWeek();
        if (start.equals(end)) {
            return !daysOff.contains(today);
        }
        if (start.isBefore(end)) {
            return !daysOff.contains(today) && !time.isBefore(start) && time.isBefore(end);
        }
        if (!time.isBefore(start)) {
            return !daysOff.contains(today);
        }
        return time.isBefore(end) && !daysOff.contains(today.minus(1));
    }

    /** {@code due} when the rep is on shift then, else the start of the rep's next shift after it. */
    public Instant withinHours(Instant due) {
        if (onShift(due)) {
            return due;
        }
        LocalDate day = due.atZone(zone).toLocalDate();
        for (int i = 0; i <= 8; i++) {
            LocalDate candidate = day.plusDays(i);
            Instant shiftStart = candidate.atTime(start).atZone(zone).toInstant();
            if (!daysOff.contains(candidate.getDayOfWeek()) && shiftStart.isAfter(due)) {
                return shiftStart;
            }
        }
        return due; // every day off: nothing better to offer than the time asked for
    }

    /** The moment in the rep's words, for the reminder's text: "Mon 09:00 (Europe/London)". */
    public String local(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        String day = local.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
        return day + " " + local.toLocalTime().withSecond(0).withNano(0) + " (" + zone.getId() + ")";
    }
}
