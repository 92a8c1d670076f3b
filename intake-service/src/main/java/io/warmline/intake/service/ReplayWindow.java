package io.warmline.intake.service;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Forgets webhook message ids older than the replay retention. A replay that old carries a timestamp outside the
 * signature tolerance and is refused before its id is looked up, so keeping the ids longer protects nothing.
 */
@Startup
@ApplicationScoped
class ReplayWindow {

    private final Pool pool;
    private final Clock clock;
    private final IntakeConfig config;

    ReplayWindow(Pool pool, Clock clock, IntakeConfig config) {
        // A delivery is fresh for the tolerance on either side of its timestamp, so its id must outlive twice that.
        if (config.replayRetention().compareTo(config.signatureTolerance().multipliedBy(2)) < 0) {
            throw new IllegalStateException("warmline.intake.replay-retention must be at least twice "
                    + "warmline.intake.signature-tolerance, or a replay could slip through");
        }
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldMessageIds() {
        return pool.preparedQuery("DELETE FROM webhook_message WHERE received_at < $1")
                .execute(Tuple.of(clock.instant().minus(config.replayRetention()).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
