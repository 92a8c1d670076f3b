package io.warmline.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay publishes. */
@ConfigMapping(prefix = "warmline.outbox")
public interface OutboxConfig {

    /** The crash fallback: a pass this often even without a commit's notification. */
    @WithDefault("2s")
    Duration sweepInterval();

    /** Rows claimed per pass (each the oldest unpublished row of its topic and key). */
    @WithDefault("200")
    int batch();

    /**
     * Failed attempts while the broker answered, after which a row is parked for an operator, once its failures
     * have also lasted {@link #parkAfter()}.
     */
    @WithDefault("5")
    int parkAfterAttempts();

    /**
     * How long a row's failures must have lasted before it is parked: a topic missing while it is being created
     * (right after a broker starts) is not a reason to give up on an event.
     */
    @WithDefault("60s")
    Duration parkAfter();

    /** How long a claimed row stays with the relay that claimed it; it outlasts the producer's longest wait. */
    @WithDefault("60s")
    Duration lease();
}
