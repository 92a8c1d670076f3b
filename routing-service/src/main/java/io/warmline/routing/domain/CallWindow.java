package io.warmline.routing.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the prospect asked to be called ("between 18:00 and 19:00"), in their time zone. A lead is offered to reps
 * only once its window has opened, so it goes to a rep on shift then; its respond-by is counted from the window's
 * start, never past its end; an unanswered call is tried again at the window's time on a later day.
 *
 * @param zone the lead's time zone (given by the vendor, or derived by intake from the phone number)
 */
public record CallWindow(Instant from, Instant to, ZoneId zone) {

    public CallWindow {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a call window ends after it starts");
        }
    }

    /** True while the window has not opened yet at {@code now}: the lead waits, offered to nobody. */
    public boolean opensAfter(Instant now) {
        return from.isAfter(now);
    }

    /**
     * The respond-by for a lead scored at {@code scoredAt} with {@code scoredRespondBy} (counted by the tier's
     * policy from the score): the same allowance counted from the window's start when the window opens later, and
     * never past the window's end. A window already over changes nothing: the lead is called as soon as possible.
     */
    public Instant respondBy(Instant scoredRespondBy, Instant scoredAt) {
        if (!to.isAfter(scoredAt)) {
            return scoredRespondBy;
        }
        Instant counted = from.isAfter(scoredAt)
                ? from.plus(max(Duration.ZERO, Duration.between(scoredAt, scoredRespondBy)))
                : scoredRespondBy;
        return counted.isAfter(to) ? to : counted;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The next call attempt after one at {@code triedAt}: the window's local start time on its first later
     * occasion (in the lead's time zone, so 18:00 stays 18:00 across a change of daylight saving time), or the
     * window's own start while it is still ahead.
     */
    public Instant nextAttempt(Instant triedAt) {
        if (from.isAfter(triedAt)) {
            return from;
        }
        LocalTime opens = from.atZone(zone).toLocalTime();
        LocalDate day = triedAt.atZone(zone).toLocalDate();
        ZonedDateTime sameDay = day.atTime(opens).atZone(zone);
        return (sameDay.toInstant().isAfter(triedAt) ? sameDay : day.plusDays(1).atTime(opens).atZone(zone))
                .toInstant();
    }
}
