package io.warmline.routing.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a rep works, in the rep's own time zone. A shift may cross midnight (22:00-06:00): the hours after midnight
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
}
