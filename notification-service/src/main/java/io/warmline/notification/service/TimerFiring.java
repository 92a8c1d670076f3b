package io.warmline.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.channel.Channel;
import io.warmline.notification.domain.Alert;
import io.warmline.notification.domain.EscalationTarget;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.domain.TimerKind;
import io.warmline.notification.messaging.DeadlineLapsed;
import io.warmline.notification.messaging.LeadEscalated;
import io.warmline.notification.messaging.Outbox;
import io.warmline.notification.messaging.ReminderSent;
import io.warmline.notification.persistence.CurrentAssignment;
import io.warmline.notification.persistence.RosterRep;
import io.warmline.notification.persistence.ScheduledTimer;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fires due timers. One transaction claims a batch ({@code due_at <= now}, {@code FOR UPDATE SKIP LOCKED}, so a
 * timer is with one replica only), records what each causes (pending deliveries, outbox events) and marks it fired:
 * a crash before the commit leaves the timers pending for the next claim, so none is lost and none fires twice.
 */
@ApplicationScoped
public class TimerFiring {

    private static final String CLAIM = """
            SELECT * FROM escalation_timer WHERE state = 'pending' AND due_at <= :now
             ORDER BY due_at LIMIT :batch FOR UPDATE SKIP LOCKED""";

    /** What a fired timer leads to, for the metrics recorded after the commit. */
    public record Fired(ScheduledTimer timer, String tier) {
    }

    private final Mutiny.SessionFactory sessions;
    private final AlertHistory alerts;
    private final Roster roster;
    private final Deliveries deliveries;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final Clock clock;
    private final String instance = ProcessHandle.current().pid() + "@" + hostName();

    TimerFiring(Mutiny.SessionFactory sessions, AlertHistory alerts, Roster roster, Deliveries deliveries,
                Outbox outbox, MeterRegistry registry, Clock clock) {
        this.sessions = sessions;
        this.alerts = alerts;
        this.roster = roster;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.registry = registry;
        this.clock = clock;
    }

    /** Fires up to {@code batch} due timers in one transaction; returns those that fired. */
    public Uni<List<Fired>> fireDue(int batch) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.createNativeQuery(CLAIM, ScheduledTimer.class)
                        .setParameter("now", now).setParameter("batch", batch)
                        .getResultList()
                        .chain(due -> Multi.createFrom().iterable(due)
                                .onItem().transformToUniAndConcatenate(timer -> fire(session, timer, now))
                                .collect().asList()))
                .invoke(fired -> fired.forEach(this::measure));
    }

    /** The earliest pending due time, or null when nothing is pending. */
    public Uni<Instant> nextDue() {
        return sessions.withSession(session -> session.createNativeQuery(
                "SELECT MIN(due_at) FROM escalation_timer WHERE state = 'pending'", Instant.class).getSingleResult());
    }

    public Uni<Long> pending() {
        return sessions.withSession(session -> session.createNativeQuery(
                "SELECT COUNT(*) FROM escalation_timer WHERE state = 'pending'", Long.class).getSingleResult());
    }

    private Uni<Fired> fire(Mutiny.Session session, ScheduledTimer timer, Instant now) {
        timer.firedAt = now;
        timer.firedBy = instance;
        TimerKind kind = TimerKind.valueOf(timer.kind);
        return session.find(CurrentAssignment.class, timer.leadId).chain(assignment -> {
            boolean current = assignment != null && assignment.assignmentNumber == timer.assignmentNumber;
            if (kind != TimerKind.CALLBACK && !current) {
                // A reassignment or close cancels these in the same transaction as its change; this one was
                // scheduled by an older assignment that raced it. It must not reach anyone.
                timer.state = ScheduledTimer.CANCELLED;
                return Uni.createFrom().nullItem();
            }
            timer.state = ScheduledTimer.FIRED;
            Uni<Alert> alert = assignment == null ? Uni.createFrom().nullItem() : alerts.find(session, assignment.alertId);
            return alert.chain(found -> roster.find(session, timer.repId)
                    .chain(rep -> effects(session, timer, kind, assignment, found, rep, now))
                    .replaceWith(new Fired(timer, assignment == null ? null : assignment.tier)));
        });
    }

    private Uni<?> effects(Mutiny.Session session, ScheduledTimer timer, TimerKind kind, CurrentAssignment assignment,
                           Alert alert, RosterRep rep, Instant now) {
        if (kind == TimerKind.DEADLINE) {
            Notice notice = new Notice(Notice.DEADLINE, timer.leadId, timer.repId, 0, "operator",
                    "No follow-up logged by the deadline; the lead is being reassigned", alert);
            return deliveries.add(session, timer.id, notice, deliveries.toOperators())
                    .chain(() -> outbox.add(session, DeadlineLapsed.TOPIC, DeadlineLapsed.TYPE, 1, timer.leadId, now,
                            new DeadlineLapsed(timer.repId, timer.assignmentNumber, assignment.assignedAt,
                                    assignment.respondBy, now, assignment.tier)))
                    .chain(() -> escalated(session, timer, "operator", "deadline lapsed", now));
        }
        EscalationTarget target = EscalationTarget.fromWire(timer.target);
        if (target == EscalationTarget.REP) {
            Notice notice = new Notice(Notice.REMINDER, timer.leadId, timer.repId, timer.step, timer.target,
                    timer.message, alert);
            boolean finalEmail = kind == TimerKind.CALLBACK && timer.message.contains("final email");
            Uni<List<Deliveries.Route>> routes = finalEmail ? Uni.createFrom().item(deliveries.byEmail(rep.email))
                    : deliveries.toRep(session, timer.repId);
            return routes.chain(chosen -> deliveries.add(session, timer.id, notice, chosen)
                    .chain(() -> outbox.add(session, ReminderSent.TOPIC, ReminderSent.TYPE, 1, timer.leadId, now,
                            new ReminderSent(timer.repId, timer.step, timer.target,
                                    finalEmail ? Channel.EMAIL : Channel.SSE, now))));
        }
        List<Deliveries.Route> routes = switch (target) {
            case TEAM_LEAD -> deliveries.toTeamLead(rep);
            case OPERATOR -> deliveries.toOperators();
            default -> deliveries.toTeamChannel(rep);
        };
        Notice notice = new Notice(Notice.ESCALATION, timer.leadId, timer.repId, timer.step, timer.target,
                timer.message, alert);
        return deliveries.add(session, timer.id, notice, routes)
                .chain(() -> escalated(session, timer, timer.target, timer.message, now));
    }

    private Uni<?> escalated(Mutiny.Session session, ScheduledTimer timer, String target, String reason,
                             Instant now) {
        return outbox.add(session, LeadEscalated.TOPIC, LeadEscalated.TYPE, 1, timer.leadId, now,
                new LeadEscalated(timer.step, target, reason, now));
    }

    private void measure(Fired fired) {
        if (fired == null || !ScheduledTimer.FIRED.equals(fired.timer().state)) {
            return;
        }
        ScheduledTimer timer = fired.timer();
        registry.timer("warmline.timers.lateness").record(Duration.between(timer.dueAt, timer.firedAt));
        // Counted after the commit, so a rolled-back pass counts nothing.
        if (TimerKind.DEADLINE.name().equals(timer.kind)) {
            registry.counter("warmline.lapses", "tier", fired.tier() == null ? "unknown" : fired.tier()).increment();
            registry.counter("warmline.escalations", "target", EscalationTarget.OPERATOR.wireName()).increment();
        } else if (EscalationTarget.REP.wireName().equals(timer.target)) {
            registry.counter("warmline.reminders", "step", Integer.toString(timer.step)).increment();
        } else {
            registry.counter("warmline.escalations", "target", timer.target).increment();
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
