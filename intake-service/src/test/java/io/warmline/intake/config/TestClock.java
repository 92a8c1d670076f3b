package io.warmline.intake.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in tests: it stands still until a test moves it, so a one-day grace period or a rate
 * limit's refill is tested by moving time, not by waiting for it. It starts at the wall clock's time, so leads,
 * signatures and the broker's records all look current. Tests sign with {@link #epochSecond()}.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    public long epochSecond() {
        return now.getEpochSecond();
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service runs in UTC");
    }
}
