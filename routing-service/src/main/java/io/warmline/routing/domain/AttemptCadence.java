package io.warmline.routing.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When to try an unanswered lead again: at the other time of day from the last try (morning vs mid-afternoon, in
 * the rep's time zone), since someone out every morning may well pick up at three. After {@code maxAttempts}
 * unanswered tries in a row the lead gets a final email and is closed as unreachable.
 */
public record AttemptCadence(int maxAttempts, LocalTime morning, LocalTime afternoon) {

    public static final AttemptCadence DEFAULT = new AttemptCadence(3, LocalTime.of(10, 0), LocalTime.of(15, 0));

    /** The next try after one at {@code triedAt}: a morning try is followed mid-afternoon, any later one next morning. */
    public Instant nextAttempt(Instant triedAt, ZoneId zone) {
        ZonedDateTime local = triedAt.atZone(zone);
        if (local.toLocalTime().isBefore(LocalTime.NOON)) {
            return local.with(afternoon).toInstant();
        }
        return local.plusDays(1).with(morning).toInstant();
    }

    public boolean exhausted(int unansweredInARow) {
        return unansweredInARow >= maxAttempts;
    }
}
