package io.warmline.routing.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happens when a rep lets a lead's deadline lapse: another rep gets it with a shorter deadline (the lead has
 * already cooled for an hour), until {@code maxLapses} lapses, when it is closed as breached.
 */
public record ReassignmentPolicy(int maxLapses, Duration reassignedDeadline) {

    /** The next rep's respond-by, or empty when this lapse (counted in {@code lapses}) closes the lead as breached. */
    public Optional<Instant> afterLapse(int lapses, Instant now) {
        return lapses >= maxLapses ? Optional.empty() : Optional.of(now.plus(reassignedDeadline));
    }
}
