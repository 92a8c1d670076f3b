package io.warmline.intake.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: up to {@code perMinute} requests at once, refilled evenly over the minute. Each vendor has its
 * own, so one vendor's flood spends only its own tokens. Not thread-safe on its own: callers serialise per bucket.
 */
public final class RateLimit {

    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();
    private final int perMinute;
    private double tokens;
    private Instant refilledAt;

    public RateLimit(int perMinute, Instant now) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit allows at least one request a minute");
        }
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.refilledAt = now;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Takes a token: {@link Duration#ZERO} when the request may go ahead, else how long until one is free. */
    public Duration take(Instant now) {
        if (now.isAfter(refilledAt)) {
            double earned = (double) Duration.between(refilledAt, now).toNanos() * perMinute / NANOS_PER_MINUTE;
            tokens = Math.min(perMinute, tokens + earned);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) * NANOS_PER_MINUTE / perMinute));
    }
}
