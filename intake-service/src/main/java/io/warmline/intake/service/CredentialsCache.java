package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps each vendor's credentials in memory for a few seconds, so a flood of requests, signed or not, is checked
 * and refused without reaching the database that every other vendor's leads need. This replica forgets a vendor
 * as soon as it changes it; other replicas see the change within the time to live.
 */
@ApplicationScoped
class CredentialsCache {

    // Ids no vendor has are refused by KnownVendors before they get here, except until its first load; they are
    // cached too. Past this many entries the cache starts afresh rather than grow without bound.
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<VendorCredentials> credentials, Instant expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Clock clock;
    private final IntakeConfig config;

    CredentialsCache(Clock clock, IntakeConfig config) {
        this.clock = clock;
        this.config = config;
    }

    Uni<Optional<VendorCredentials>> get(String vendorId, Supplier<Uni<Optional<VendorCredentials>>> load) {
        Entry entry = entries.get(vendorId);
        if (entry != null && clock.instant().isBefore(entry.expiresAt())) {
            return Uni.createFrom().item(entry.credentials());
        }
        long loadingGeneration = generation.get();
        return load.get().invoke(loaded -> {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(vendorId, new Entry(loaded, clock.instant().plus(config.credentialsCacheTtl())));
            // A change committed while this load was reading may have been read before it: drop what was loaded.
            if (generation.get() != loadingGeneration) {
                entries.remove(vendorId);
            }
        });
    }

    void forget(String vendorId) {
        generation.incrementAndGet();
        entries.remove(vendorId);
    }
}
