package io.warmline.intake.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.warmline.intake.config.RetentionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Erases the personal data of leads closed longer ago than the retention period ({@code warmline.retention.period},
 * 90 days by default), in bounded batches, through the same path as an operator's erasure: intake clears its copy
 * and destroys the data key, and its {@code LeadErased} events make every other service clear theirs. Intake runs it
 * because it alone sees every lead from arrival to closure (routing's {@code LeadClosed}, the vendor's status).
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final LeadErasure erasure;
    private final RetentionConfig config;
    private final Clock clock;

    RetentionJob(LeadErasure erasure, RetentionConfig config, Clock clock) {
        this.erasure = erasure;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${warmline.retention.interval:1h}", delayed = "${warmline.retention.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return eraseExpired().replaceWithVoid();
    }

    /** One run: how many leads it erased. */
    public Uni<Integer> eraseExpired() {
        Instant now = clock.instant();
        return batches(now.minus(config.period()), now, 0, 0)
                .invoke(erased -> {
                    if (erased > 0) {
                        LOG.infof("retention: erased the personal data of %d leads closed before %s", erased,
                                now.minus(config.period()));
                    }
                });
    }

    private Uni<Integer> batches(Instant closedBefore, Instant now, int done, int total) {
        return erasure.expired(closedBefore, config.batchSize(), now).chain(erased ->
                erased < config.batchSize() || done + 1 >= config.maxBatchesPerRun()
                        ? Uni.createFrom().item(total + erased)
                        : batches(closedBefore, now, done + 1, total + erased));
    }
}
