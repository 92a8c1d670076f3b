package io.warmline.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.channel.Channel;
import io.warmline.notification.domain.Alert;
import io.warmline.notification.domain.EscalationTimer;
import io.warmline.notification.domain.LeadProgress;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.messaging.LeadAssigned;
import io.warmline.notification.messaging.RepAlerted;
import io.warmline.notification.persistence.CurrentAssignment;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.AfterCommit;
import io.warmline.platform.messaging.Outbox;
import io.warmline.platform.persistence.LeadKeys;
import io.warmline.platform.messaging.PoisonEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Alerts the assigned rep, once per {@code LeadAssigned} event however often it is delivered, and starts the
 * escalation policy of the lead's tier and team. One transaction (the event reader's, whose inbox drops a
 * redelivery): the lead's progress (locked: an older assignment or a closed lead alerts nobody, a follow-up that
 * came first leaves nothing to chase), alert, the assignment, its timers (a newer assignment first cancels the older one's), the alert's other deliveries and
 * {@code RepAlerted}.
 */
@ApplicationScoped
public class RepAlerting {

    private final Mutiny.SessionFactory sessions;
    private final AfterCommit afterCommit;
    private final AlertHistory history;
    private final PolicyBook policies;
    private final EscalationTimers timers;
    private final Deliveries deliveries;
    private final DeliveryDispatcher dispatcher;
    private final Outbox outbox;
    private final LeadProgressBook progress;
    private final Timer speedToAlert;
    private final MeterRegistry registry;
    private final Clock clock;
    private final LeadKeys keys;

    RepAlerting(Mutiny.SessionFactory sessions, AfterCommit afterCommit, AlertHistory history,
                PolicyBook policies, EscalationTimers timers, Deliveries deliveries, DeliveryDispatcher dispatcher,
                Outbox outbox, LeadProgressBook progress, MeterRegistry registry, Clock clock, LeadKeys keys) {
        this.keys = keys;
        this.progress = progress;
        this.sessions = sessions;
        this.registry = registry;
        this.afterCommit = afterCommit;
        this.history = history;
        this.policies = policies;
        this.timers = timers;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.clock = clock;
        this.speedToAlert = Timer.builder("warmline.speed.to.alert")
                .description("From the lead received to the rep's alert on a channel")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    /** True when the rep was alerted now, false when the lead's progress left nobody to alert. */
    public Uni<Boolean> alert(EventEnvelope assigned, LeadAssigned lead) {
        String unusable = lead.unusableBecause();
        if (unusable != null) {
            throw new PoisonEvent("LeadAssigned " + assigned.eventId() + " " + unusable, null);
        }
        Instant now = clock.instant();
        return sessions.withTransaction(session -> apply(session, assigned, lead, now))
                // The commit reaches the rep's open streams on every replica (LiveAlerts): never an alert that a
                // rollback then erases.
                .onItem().ifNotNull().invoke(alert -> afterCommit.run(() -> {
                    // The rep's stream holds the alert now (stored, replayed on reconnect): delivered on sse.
                    registry.counter("warmline.deliveries", "channel", "sse", "result", "delivered").increment();
                    dispatcher.dispatchSoon();
                    if (lead.lead().receivedAt() != null) {
                        speedToAlert.record(Duration.between(lead.lead().receivedAt(), clock.instant()));
                    }
                }))
                .map(Objects::nonNull);
    }

    /** Alerts and chases as the lead's progress allows: nothing for an older assignment or a closed lead. */
    private Uni<Alert> apply(Mutiny.Session session, EventEnvelope assigned, LeadAssigned lead, Instant now) {
        Instant assignedAt = lead.assignedAt() == null ? assigned.occurredAt() : lead.assignedAt();
        return progress.lock(session, assigned.leadId()).chain(row -> {
            LeadProgress known = LeadProgressBook.read(row);
            LeadProgress.Assignment outcome = known.onAssigned(lead.assignment(), assignedAt);
            if (outcome == LeadProgress.Assignment.IGNORE) {
                return Uni.createFrom().nullItem();
            }
            progress.write(row, known.assigned(lead.assignment(), assignedAt));
            // The contact sealed under the lead's data key (LeadReceived v2), locked until this commits: an erasure
            // waits for it and then finds the alert; after an erasure there is no key and nothing to read.
            return keys.open(session, assigned.leadId(), lead.lead().personal())
                    .chain(opened -> store(session, assigned, opened.map(lead::withPersonal).orElse(lead), now,
                            assignedAt, outcome));
        });
    }

    private Uni<Alert> store(Mutiny.Session session, EventEnvelope assigned, LeadAssigned lead, Instant now,
                             Instant assignedAt, LeadProgress.Assignment outcome) {
        return history.store(session, assigned.leadId(), lead.repId(), id -> lead.toAlert(id, assigned.leadId()))
                .call(alert -> startPolicy(session, assigned, lead, alert, assignedAt, outcome))
                .call(alert -> deliveries.toRep(session, lead.repId())
                        // The stream has the alert already (stored above); the rep's browsers get it too.
                        .map(routes -> routes.stream().filter(route -> !Channel.SSE.equals(route.channel())).toList())
                        .chain(routes -> deliveries.add(session, null, new Notice(Notice.ALERT, assigned.leadId(),
                                lead.repId(), 0, "rep", alert.openingLine(), alert), routes)))
                .call(alert -> outbox.add(session, RepAlerted.TOPIC, RepAlerted.TYPE, RepAlerted.VERSION, assigned.leadId(), now,
                        new RepAlerted(lead.repId(), Channel.SSE, now, lead.lead().receivedAt())));
    }

    /**
     * Records the assignment as current and starts its policy, cancelling the previous one's timers; when a follow-up
     * of this assignment came first, nothing is chased and its dated next step now belongs to this assignment.
     */
    private Uni<Void> startPolicy(Mutiny.Session session, EventEnvelope assigned, LeadAssigned lead, Alert alert,
                                  Instant assignedAt, LeadProgress.Assignment outcome) {
        boolean chase = outcome == LeadProgress.Assignment.ALERT_AND_CHASE;
        return session.find(CurrentAssignment.class, assigned.leadId()).chain(current -> {
            Uni<Integer> previous = chase ? timers.cancelPending(session, assigned.leadId())
                    : timers.handOver(session, assigned.leadId(), lead.assignment());
            return previous
                    .chain(() -> policies.current(session, lead.tier(), lead.teamId()))
                    .chain(policy -> {
                        CurrentAssignment row = current == null ? new CurrentAssignment() : current;
                        row.leadId = assigned.leadId();
                        row.assignmentNumber = lead.assignment();
                        row.repId = lead.repId();
                        row.teamId = lead.teamId();
                        row.tier = lead.tier();
                        row.assignedAt = assignedAt;
                        row.respondBy = lead.respondBy();
                        row.policyVersion = policy == null ? 0 : policy.version();
                        row.alertId = alert.alertId();
                        Uni<Void> saved = current == null ? session.persist(row) : Uni.createFrom().voidItem();
                        List<EscalationTimer> due = policy == null || !chase ? List.of()
                                : policy.timersFrom(assignedAt, lead.callWindowEnd());
                        return saved.chain(() -> timers.schedule(session, assigned.leadId(), row.assignmentNumber,
                                row.repId, due));
                    });
        });
    }
}
