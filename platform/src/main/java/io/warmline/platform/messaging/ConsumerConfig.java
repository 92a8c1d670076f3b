package io.warmline.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How consumers wait out failures. */
@ConfigMapping(prefix = "warmline.consumers")
public interface ConsumerConfig {

    /** The first wait after a failure; each next wait doubles, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration minBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /**
     * Tries of a failure that is neither known transient nor poison while the database answers (a bug, say):
     * after these it is dead-lettered, to be replayed once fixed. A known transient failure is retried for as
     * long as it lasts.
     */
    @WithDefault("5")
    int unexplainedAttempts();
}
