package io.warmline.scoring.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.warmline.scoring.config.ScoringConfig;
import io.warmline.scoring.domain.Evidence;
import io.warmline.scoring.domain.ScoreTrigger;
import io.warmline.scoring.domain.Warmth;
import io.warmline.scoring.domain.WarmthModel;
import io.warmline.scoring.persistence.Lead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-scores leads still waiting for a rep as their signals age, so the queue stays ordered by warmth now, not
 * warmth on arrival. Hot, warm and cool leads that wait (never assigned, or queued again after their last
 * assignment: {@link WaitingLeads}) and arrived within the horizon are re-scored;
 * a {@code LeadScored} with trigger "decay" is announced only when the score or tier changed.
 *
 * <p>Safe with several replicas: each batch is claimed with {@code FOR UPDATE SKIP LOCKED}, and a lead looked at
 * in the last half interval is skipped, so replicas neither block nor repeat each other's work, while each
 * replica's next pass still finds every lead due.
 */
@ApplicationScoped
public class DecayRescoring {

    private static final Logger LOG = Logger.getLogger(DecayRescoring.class);
    // A query rather than native SQL: Hibernate reuses its plan, while a native query with a result class adds a
    // plan to the plan cache that no later query matches. Locked SKIP LOCKED, so replicas share the work.
    private static final String CLAIM = """
            from Lead where (assignedAt is null or requeuedAt > assignedAt) and tier in ('hot', 'warm', 'cool')
               and receivedAt >= :horizon and checkedAt <= :due
             order by checkedAt""";

    private final Mutiny.SessionFactory sessions;
    private final Models models;
    private final EvidenceLog evidence;
    private final ScoreRecorder recorder;
    private final ScoringConfig.Rescore config;
    private final Clock clock;

    DecayRescoring(Mutiny.SessionFactory sessions, Models models, EvidenceLog evidence, ScoreRecorder recorder,
                   ScoringConfig config, Clock clock) {
        this.sessions = sessions;
        this.models = models;
        this.evidence = evidence;
        this.recorder = recorder;
        this.config = config.rescore();
        this.clock = clock;
    }

    @Scheduled(every = "${warmline.scoring.rescore.interval}", delayed = "${warmline.scoring.rescore.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return rescoreWaitingLeads()
                .onFailure().invoke(failure -> LOG.warnf("decay re-scoring failed, the next pass retries: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Re-scores every waiting lead that is due, batch by batch; the number of scores announced. */
    public Uni<Integer> rescoreWaitingLeads() {
        return batch().chain(batch -> batch.claimed() < config.batchSize()
                ? Uni.createFrom().item(batch.announced())
                : rescoreWaitingLeads().map(more -> batch.announced() + more));
    }

    private Uni<Batch> batch() {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.createSelectionQuery(CLAIM, Lead.class)
                        .setParameter("horizon", now.minus(config.horizon()))
                        .setParameter("due", now.minus(config.interval().dividedBy(2)))
                        .setMaxResults(config.batchSize())
                        .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                        .getResultList()
                        .chain(leads -> leads.isEmpty() ? Uni.createFrom().item(new Batch(0, 0))
                                : models.active(session).chain(model -> evidence.of(session,
                                                leads.stream().map(lead -> lead.leadId).toList())
                                        .chain(all -> rescore(session, leads, all, model, now)))));
    }

    private Uni<Batch> rescore(Mutiny.Session session, List<Lead> leads, Map<UUID, Evidence> all,
                               WarmthModel model, Instant now) {
        return Multi.createFrom().iterable(leads)
                .onItem().transformToUniAndConcatenate(lead -> {
                    lead.checkedAt = now;
                    Evidence evidence = all.get(lead.leadId);
                    Warmth warmth = evidence == null ? null : model.score(evidence, now);
                    if (warmth == null || !ScoreRecorder.changes(lead, warmth)) {
                        return Uni.createFrom().item(0);
                    }
                    return recorder.record(session, lead, warmth, ScoreTrigger.DECAY, null, now).replaceWith(1);
                })
                .collect().asList()
                .map(announced -> new Batch(leads.size(), announced.stream().mapToInt(Integer::intValue).sum()));
    }

    private record Batch(int claimed, int announced) {
    }
}
