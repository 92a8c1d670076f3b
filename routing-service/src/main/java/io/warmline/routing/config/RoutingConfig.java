package io.warmline.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.warmline.routing.domain.AttemptCadence;
import io.warmline.routing.domain.ConsentPolicy;
import io.warmline.routing.domain.ReassignmentPolicy;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Routing policy: leads without consent, reassignment after lapses, the call-attempt cadence, and how often the
 * sweeps run.
 */
@ConfigMapping(prefix = "warmline.routing")
public interface RoutingConfig {

    /** Lapses after which a lead is closed as breached instead of reassigned. */
    @WithDefault("2")
    int maxLapses();

    /** The respond-by given to the next rep after a lapse, a decline or a withdrawal. */
    @WithDefault("30m")
    Duration reassignedDeadline();

    /** Unanswered call attempts in a row before the final email and closure as unreachable. */
    @WithDefault("3")
    int maxAttempts();

    @WithDefault("10:00")
    String morningAttempt();

    @WithDefault("15:00")
    String afternoonAttempt();

    /** How often the queue is offered to reps again even when nothing woke it (shifts start by the clock). */
    @WithDefault("5s")
    Duration queueSweepInterval();

    /** A rep whose client has sent heartbeats and then stops for this long becomes away. */
    @WithDefault("90s")
    Duration heartbeatTimeout();

    /** A lead without consent to be called is closed ({@code close}, default) or left to email ({@code email-only}) */
    @WithDefault("close")
    ConsentPolicy withoutConsent();

    default ReassignmentPolicy reassignment() {
        return new ReassignmentPolicy(maxLapses(), reassignedDeadline());
    }

    default AttemptCadence cadence() {
        return new AttemptCadence(maxAttempts(), LocalTime.parse(morningAttempt()), LocalTime.parse(afternoonAttempt()));
    }
}
