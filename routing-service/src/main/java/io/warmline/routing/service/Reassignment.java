package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.AfterCommit;
import io.warmline.routing.config.RoutingConfig;
import io.warmline.routing.domain.ClosureReason;
import io.warmline.routing.messaging.DeadlineLapsed;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.RoutedLead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Takes a lead from a rep who did not call it and gives it to another (never the same one for the same lapse),
 * with the policy's shorter deadline: on a lapsed deadline, a decline, or the rep going offline before calling.
 * After the policy's number of lapses the lead is closed as breached instead.
 */
@ApplicationScoped
public class Reassignment {

    private static final Logger LOG = Logger.getLogger(Reassignment.class);

    private final Mutiny.SessionFactory sessions;
    private final AfterCommit afterCommit;
    private final Dispatcher dispatcher;
    private final LeadClosing closing;
    private final Timeline timeline;
    private final RoutingMetrics metrics;
    private final RoutingConfig config;
    private final QueueDrainer drainer;
    private final Clock clock;

    Reassignment(Mutiny.SessionFactory sessions, AfterCommit afterCommit, Dispatcher dispatcher, LeadClosing closing,
                 Timeline timeline, RoutingMetrics metrics, RoutingConfig config, QueueDrainer drainer, Clock clock) {
        this.sessions = sessions;
        this.afterCommit = afterCommit;
        this.dispatcher = dispatcher;
        this.closing = closing;
        this.timeline = timeline;
        this.metrics = metrics;
        this.config = config;
        this.drainer = drainer;
        this.clock = clock;
    }

    /** The lead's current assignment, locked; null when it has none. */
    public static Uni<Assignment> current(Mutiny.Session session, UUID leadId) {
        return session.createSelectionQuery(
                        "from Assignment where leadId = :lead and status in ('open', 'working')", Assignment.class)
                .setParameter("lead", leadId)
                .setLockMode(LockMode.PESSIMISTIC_WRITE)
                .getSingleResultOrNull();
    }

    public Uni<Void> lapse(EventEnvelope envelope, DeadlineLapsed lapsed) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(RoutedLead.class, envelope.leadId(),
                        LockMode.PESSIMISTIC_WRITE)
                        .chain(lead -> lead == null ? Uni.createFrom().item("unknown lead")
                                : current(session, lead.leadId).chain(held -> applyLapse(session, lead, held,
                                lapsed, now))))
                .invoke(outcome -> {
                    LOG.infof("deadline lapsed on lead %s (assignment %d): %s", envelope.leadId(),
                            lapsed.assignmentNumber(), outcome);
                    afterCommit.run(this::afterCommit);
                })
                .replaceWithVoid();
    }

    private Uni<String> applyLapse(Mutiny.Session session, RoutedLead lead, Assignment held, DeadlineLapsed lapsed,
                                   Instant now) {
        // Only the open assignment the lapse was about, still uncalled, lapses: anything else is stale.
        if (held == null || held.assignmentNumber != lapsed.assignmentNumber() || held.firstFollowUpAt != null
                || !held.repId.equals(lapsed.repId())) {
            return Uni.createFrom().item("stale, ignored");
        }
        lead.lapses++;
        metrics.lapsed(lead.tier);
        Instant at = lapsed.lapsedAt() != null ? lapsed.lapsedAt() : now;
        Uni<Void> noted = timeline.record(session, lead.leadId, "lapsed", at, held.repId,
                Map.of("assignmentNumber", held.assignmentNumber, "lapses", lead.lapses));
        return noted.chain(() -> config.reassignment().afterLapse(lead.lapses, now)
                .map(respondBy -> handOn(session, lead, held, Assignment.LAPSED, respondBy, now)
                        .replaceWith("reassigned"))
                .orElseGet(() -> closing.release(session, held, Assignment.LAPSED, now)
                        .chain(() -> closing.close(session, lead, null, held.repId, ClosureReason.BREACHED, now))
                        .replaceWith("closed as breached")));
    }

    /** The rep gives back a lead they hold and have not called. */
    public Uni<Boolean> decline(Mutiny.Session session, RoutedLead lead, Assignment held, Instant now) {
        return timeline.record(session, lead.leadId, "declined", now, held.repId,
                        Map.of("assignmentNumber", held.assignmentNumber))
                .chain(() -> handOn(session, lead, held, Assignment.DECLINED, now.plus(config.reassignedDeadline()),
                        now))
                .replaceWith(true);
    }

    /**
     * Locks the leads a rep holds and has not called yet, before the rep itself is locked. Every transaction that
     * changes a lead and its rep's count (a follow-up, a decline, a lapse) locks the lead first; a rep going offline
     * that locked the rep first would deadlock with them. The leads locked, for {@link #withdrawUncalled}.
     */
    public Uni<Set<UUID>> lockUncalled(Mutiny.Session session, String repId) {
        return uncalled(session, repId).call(leads -> lockEach(session, List.copyOf(leads), 0));
    }

    /**
     * A rep went offline: their leads nobody has called yet go to someone who is there. The rep is locked by now,
     * after {@link #lockUncalled}; a lead given to them in between is not locked yet, and taking its lock now
     * could deadlock, so the caller starts again ({@link HeldLeadsChanged}).
     */
    public Uni<Integer> withdrawUncalled(Mutiny.Session session, String repId, Set<UUID> locked, Instant now) {
        return uncalled(session, repId).chain(leads -> {
            if (!locked.containsAll(leads)) {
                throw new HeldLeadsChanged();
            }
            return session.createSelectionQuery("""
                            from Assignment where repId = :rep and status = 'open' and firstFollowUpAt is null
                             order by assignedAt""", Assignment.class)
                    .setParameter("rep", repId)
                    .setLockMode(LockMode.PESSIMISTIC_WRITE)
                    .getResultList()
                    .chain(held -> withdraw(session, held, 0, now));
        });
    }

    /** The rep was given a lead after their uncalled leads were locked and before the rep was: start again. */
    public static final class HeldLeadsChanged extends RuntimeException {
        HeldLeadsChanged() {
            super("the rep was given a lead while going offline", null, false, false);
        }
    }

    private static Uni<Set<UUID>> uncalled(Mutiny.Session session, String repId) {
        return session.createSelectionQuery("""
                        select leadId from Assignment where repId = :rep and status = 'open' and firstFollowUpAt is null
                        """, UUID.class)
                .setParameter("rep", repId)
                .getResultList()
                .map(TreeSet::new);
    }

    /** One at a time in lead id order, so two reps going offline lock shared leads in the same order. */
    private static Uni<Void> lockEach(Mutiny.Session session, List<UUID> leads, int index) {
        return index >= leads.size() ? Uni.createFrom().voidItem()
                : session.find(RoutedLead.class, leads.get(index), LockMode.PESSIMISTIC_WRITE)
                .chain(() -> lockEach(session, leads, index + 1));
    }

    private Uni<Integer> withdraw(Mutiny.Session session, List<Assignment> held, int index, Instant now) {
        if (index >= held.size()) {
            return Uni.createFrom().item(index);
        }
        Assignment assignment = held.get(index);
        return session.find(RoutedLead.class, assignment.leadId, LockMode.PESSIMISTIC_WRITE)
                .call(lead -> timeline.record(session, lead.leadId, "withdrawn", now, assignment.repId,
                        Map.of("assignmentNumber", assignment.assignmentNumber, "why", "the rep went offline")))
                .chain(lead -> handOn(session, lead, assignment, Assignment.WITHDRAWN,
                        now.plus(config.reassignedDeadline()), now))
                .chain(() -> withdraw(session, held, index + 1, now));
    }

    private Uni<Void> handOn(Mutiny.Session session, RoutedLead lead, Assignment held, String status,
                             Instant respondBy, Instant now) {
        return closing.release(session, held, status, now)
                .chain(() -> dispatcher.placeOrQueue(session, lead, respondBy, held.repId, now))
                .replaceWithVoid();
    }

    /** Offers the queue to the room the transaction freed. */
    public void afterCommit() {
        drainer.drainSoon();
    }
}
