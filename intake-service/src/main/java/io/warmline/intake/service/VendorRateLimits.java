package io.warmline.intake.service;

import io.warmline.intake.domain.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RateLimit} per vendor, in this replica's memory: each replica allows each vendor its full limit.
 * Only vendors that signed their request reach it, so the map holds at most one bucket per registered vendor.
 */
@ApplicationScoped
public class VendorRateLimits {

    private final ConcurrentHashMap<String, RateLimit> buckets = new ConcurrentHashMap<>();

    /** {@link Duration#ZERO} when the vendor may go ahead, else how long until it may. */
    public Duration take(VendorCredentials vendor, Instant now) {
        RateLimit bucket = buckets.compute(vendor.vendorId(), (id, existing) ->
                existing == null || existing.perMinute() != vendor.requestsPerMinute()
                        ? new RateLimit(vendor.requestsPerMinute(), now) : existing);
        synchronized (bucket) {
            return bucket.take(now);
        }
    }
}
