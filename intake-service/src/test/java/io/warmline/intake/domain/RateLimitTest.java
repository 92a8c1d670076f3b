package io.warmline.intake.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimitTest {

    static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");

    @Test
    void allowsAMinutesWorthAtOnceThenSaysHowLongToWait() {
        RateLimit limit = new RateLimit(3, NOW);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limit.take(NOW));
        }
        assertEquals(Duration.ofSeconds(20), limit.take(NOW));
        assertEquals(Duration.ofSeconds(5), limit.take(NOW.plusSeconds(15)));
    }

    @Test
    void refillsEvenlyOverTheMinuteUpToTheLimit() {
        RateLimit limit = new RateLimit(60, NOW);
        for (int i = 0; i < 60; i++) {
            limit.take(NOW);
        }
        assertEquals(Duration.ZERO, limit.take(NOW.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(1), limit.take(NOW.plusSeconds(1)));

        Instant muchLater = NOW.plus(Duration.ofHours(1));
        for (int i = 0; i < 60; i++) {
            assertEquals(Duration.ZERO, limit.take(muchLater), "an idle hour earns one minute's worth, no more");
        }
        assertEquals(Duration.ofSeconds(1), limit.take(muchLater));
    }

    @Test
    void aClockThatStepsBackEarnsNothing() {
        RateLimit limit = new RateLimit(1, NOW);
        limit.take(NOW);
        assertEquals(Duration.ofSeconds(60), limit.take(NOW.minusSeconds(30)));
    }

    @Test
    void needsAtLeastOneRequestAMinute() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, NOW));
    }
}
