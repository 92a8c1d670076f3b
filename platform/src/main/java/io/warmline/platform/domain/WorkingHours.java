package io.warmline.platform.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a rep works, in the rep's own time zone: routing assigns only to reps on shift, notification keeps callback
 * reminders within the shift. A shift may cross midnight (22:00-06:00): the hours after midnight
 * belong to the shift that started the day before, so a day off cancels the whole night that starts on it.
 * {@code start == end} means round the clock (days off still apply).
 */
public record WorkingHours(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> daysOff) {

    /** A rep created with no hours: always on shift, so a walking-skeleton rep takes leads at once. */
    public static final WorkingHours ALWAYS = new WorkingHours(ZoneId.of("UTC"), LocalTime.MIDNIGHT,
            LocalTime.MIDNIGHT, Set.of());

    public WorkingHours {
        daysOff = Set.copyOf(daysOff);
    }

    public boolean onShift(Instant now) {
        ZonedDateTime local = now.atZone(zone);
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
    public Instant nextOnShift(Instant due) {
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
}
