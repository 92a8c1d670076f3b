package io.warmline.routing.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallWindowTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    // 14:00 in London (winter: UTC); the prospect asked for 18:00-19:00 today.
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T14:00:00Z"), ZoneOffset.UTC);
    final CallWindow evening = new CallWindow(Instant.parse("2026-11-23T18:00:00Z"),
            Instant.parse("2026-11-23T19:00:00Z"), LONDON);

    @Test
    void aLeadWaitsUntilItsWindowOpens() {
        assertTrue(evening.opensAfter(clock.instant()));
        assertFalse(evening.opensAfter(Instant.parse("2026-11-23T18:00:00Z")), "open from its first instant");
        assertFalse(evening.opensAfter(Instant.parse("2026-11-23T18:30:00Z")));
    }

    @Test
    void theRespondByIsCountedFromTheWindowsStart() {
        Instant scoredAt = clock.instant();
        Instant tierDeadline = scoredAt.plus(Duration.ofMinutes(15));
        assertEquals(Instant.parse("2026-11-23T18:15:00Z"), evening.respondBy(tierDeadline, scoredAt));
    }

    @Test
    void theRespondByNeverFallsAfterTheWindowCloses() {
        Instant scoredAt = clock.instant();
        Instant hourRule = scoredAt.plus(Duration.ofHours(2));
        assertEquals(evening.to(), evening.respondBy(hourRule, scoredAt));
        Instant insideWindow = Instant.parse("2026-11-23T18:40:00Z");
        assertEquals(evening.to(), evening.respondBy(insideWindow.plus(Duration.ofHours(1)), insideWindow));
        assertEquals(Instant.parse("2026-11-23T18:50:00Z"),
                evening.respondBy(insideWindow.plus(Duration.ofMinutes(10)), insideWindow), "scored inside it");
    }

    @Test
    void aWindowAlreadyOverChangesNothing() {
        Instant late = Instant.parse("2026-11-23T20:00:00Z");
        assertEquals(late.plus(Duration.ofHours(1)), evening.respondBy(late.plus(Duration.ofHours(1)), late));
        assertFalse(evening.opensAfter(late));
    }

    @Test
    void anUnansweredCallIsTriedAgainAtTheWindowsTimeTheNextDay() {
        assertEquals(Instant.parse("2026-11-24T18:00:00Z"), evening.nextAttempt(Instant.parse("2026-11-23T18:20:00Z")));
        assertEquals(evening.from(), evening.nextAttempt(clock.instant()), "before the window: its own start");
        assertEquals(Instant.parse("2026-11-24T18:00:00Z"), evening.nextAttempt(Instant.parse("2026-11-24T09:00:00Z")),
                "a later morning: that day's window");
    }

    @Test
    void theWindowKeepsItsLocalTimeAcrossADaylightSavingChange() {
        // 18:00 London on Saturday 24 October 2026 is 17:00 UTC; the clocks go back on the 25th.
        CallWindow autumn = new CallWindow(Instant.parse("2026-10-24T17:00:00Z"), Instant.parse("2026-10-24T18:00:00Z"),
                LONDON);
        assertEquals(Instant.parse("2026-10-25T18:00:00Z"), autumn.nextAttempt(Instant.parse("2026-10-24T17:30:00Z")));
    }

    @Test
    void aWindowEndsAfterItStarts() {
        assertThrows(IllegalArgumentException.class,
                () -> new CallWindow(evening.to(), evening.from(), LONDON));
    }
}
