package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Each vendor's rate limit, shared by every replica: a token bucket per vendor (up to its requests-per-minute at
 * once, refilled evenly over the minute) kept in a row of {@code vendor_rate_limit}, refilled and taken from by one
 * atomic statement, so two replicas together allow a vendor its limit, not twice it. One round trip per signed
 * request; only signed requests of known vendors reach it, so nobody else can spend a vendor's tokens.
 */
@ApplicationScoped
public class VendorRateLimits {

    // In an UPDATE's SET every expression reads the row as it was, so the refill is computed the same way three
    // times: tokens held plus those earned since the last refill, at most a minute's worth.
    private static final String REFILLED = "LEAST($3::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM "
            + "($2::timestamptz - b.refilled_at))::float8) * $3::float8 / 60.0)";
    private static final String TAKE = "INSERT INTO vendor_rate_limit AS b (vendor_id, tokens, refilled_at, taken) "
            + "VALUES ($1, $3::float8 - 1, $2::timestamptz, true) ON CONFLICT (vendor_id) DO UPDATE SET "
            + "tokens = " + REFILLED + " - CASE WHEN " + REFILLED + " >= 1 THEN 1 ELSE 0 END, "
            + "taken = " + REFILLED + " >= 1, "
            + "refilled_at = GREATEST(b.refilled_at, $2::timestamptz) "
            + "RETURNING tokens, taken";

    private final Pool database;

    VendorRateLimits(Pool database) {
        this.database = database;
    }

    /** {@link Duration#ZERO} when the vendor may go ahead, else how long until it may. */
    public Uni<Duration> take(VendorCredentials vendor, Instant now) {
        int perMinute = vendor.requestsPerMinute();
        return database.preparedQuery(TAKE)
                .execute(Tuple.of(vendor.vendorId(), now.atOffset(ZoneOffset.UTC), (double) perMinute))
                .map(rows -> wait(rows.iterator().next(), perMinute));
    }

    private static Duration wait(Row bucket, int perMinute) {
        if (bucket.getBoolean("taken")) {
            return Duration.ZERO;
        }
        double missing = 1 - bucket.getDouble("tokens");
        return Duration.ofNanos((long) Math.ceil(missing * Duration.ofMinutes(1).toNanos() / perMinute));
    }
}
