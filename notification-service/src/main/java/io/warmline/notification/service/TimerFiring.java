package io.warmline.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.channel.Channel;
import io.warmline.notification.domain.Alert;
import io.warmline.notification.domain.EscalationTarget;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.domain.TimerKind;
import io.warmline.notification.messaging.DeadlineLapsed;
import io.warmline.notification.messaging.LeadEscalated;
import io.warmline.notification.messaging.ReminderSent;
import io.warmline.notification.persistence.CurrentAssignment;
import io.warmline.notification.persistence.Delivery;
import io.warmline.notification.persistence.RosterRep;
import io.warmline.notification.persistence.ScheduledTimer;
import io.warmline.notification.persistence.StoredAlert;
import io.warmline.platform.messaging.Outbox;
import io.warmline.platform.messaging.OutgoingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Fires due timers. One transaction claims a batch ({@code due_at <= now}, {@code FOR UPDATE SKIP LOCKED}, so a
 * timer is with one replica only), records what each causes (pending deliveries, outbox events) and marks it fired:
 * a crash before the commit leaves the timers pending for the next claim, so none is lost and none fires twice.
 *
 * <p>A batch costs a handful of statements whatever its size, so a burst of due timers fires at the database's pace
 * for rows rather than its pace for round trips: what the batch reads (current assignments, their alerts, reps) is
 * loaded with one query per table, what each timer causes is decided in plain code, and what the batch writes goes
 * in one statement per table (deliveries, outbox events, the timers' new state).
 */
@ApplicationScoped
public class TimerFiring {

    // Queries in HQL rather than native SQL with a result class: Hibernate caches a native query's plan under a key
    // that a later execution never matches, so each pass would add plans to its cache. The state is a literal (not a
    // parameter) so that the plan can use escalation_timer_due, which is partial on it. Claimed with
    // FOR UPDATE SKIP LOCKED (LockMode.UPGRADE_SKIPLOCKED).
    private static final String CLAIM = "from ScheduledTimer where state = 'pending' and dueAt <= :now order by dueAt";
    private static final String NEXT_DUE =
            "select dueAt from ScheduledTimer where state = 'pending' order by dueAt";
    private static final String PENDING = "select count(*) from ScheduledTimer where state = 'pending'";
    private static final String MARK =
            "update ScheduledTimer set state = :state, firedAt = :at, firedBy = :by where id in :ids";
    // Rows travel as one JSON array: one statement for the whole batch, the same statement text for any size. The
    // parameter is text first: a string bound where jsonb is expected would arrive as one JSON string.
    private static final String INSERT_DELIVERIES = """
            INSERT INTO delivery (lead_id, timer_id, channel, recipient, notice, status, next_attempt_at, created_at)
            SELECT lead_id, timer_id, channel, recipient, notice, status, next_attempt_at, created_at
              FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb)) AS r(lead_id uuid, timer_id bigint, channel text,
                   recipient text, notice text, status text, next_attempt_at timestamptz, created_at timestamptz)""";
    /** What became of a claimed timer, for the metrics recorded after the commit. */
    public record Fired(ScheduledTimer timer, boolean fired, Instant firedAt, String tier) {
    }

    /** One claimed timer's decision: fired (with the deliveries and events it causes) or cancelled. */
    private record Outcome(ScheduledTimer timer, boolean fired, String tier, List<Delivery> deliveries,
                           List<OutgoingEvent> events) {

        static Outcome cancelled(ScheduledTimer timer) {
            return new Outcome(timer, false, null, List.of(), List.of());
        }

        static Outcome fired(ScheduledTimer timer, CurrentAssignment assignment) {
            return new Outcome(timer, true, assignment == null ? null : assignment.tier, new ArrayList<>(),
                    new ArrayList<>());
        }
    }

    /** What a batch reads, loaded once for all its timers. */
    private static final class Reads {
        final Map<UUID, CurrentAssignment> assignments = new HashMap<>();
        final Map<Long, Alert> alerts = new HashMap<>();
        final Map<String, RosterRep> reps = new HashMap<>();
        final Map<String, List<Deliveries.Route>> repRoutes = new HashMap<>();
    }

    private final Mutiny.SessionFactory sessions;
    private final AlertHistory alerts;
    private final Roster roster;
    private final Deliveries deliveries;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Timer lateness;
    private final Clock clock;
    private final String instance = ProcessHandle.current().pid() + "@" + hostName();

    TimerFiring(Mutiny.SessionFactory sessions, AlertHistory alerts, Roster roster, Deliveries deliveries,
                Outbox outbox, ObjectMapper json, MeterRegistry registry, Clock clock) {
        this.sessions = sessions;
        this.alerts = alerts;
        this.roster = roster;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
        // A histogram, so dashboards and alerts can take its quantiles across replicas. It and the escalation and
        // reminder series exist from the start, at zero (a quiet day reads 0, not "no data").
        this.lateness = Timer.builder("warmline.timers.lateness")
                .description("how late a timer fired after it came due").publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        registry.counter("warmline.reminders", "step", "1");
        for (EscalationTarget target : EscalationTarget.values()) {
            if (target != EscalationTarget.REP) {
                registry.counter("warmline.escalations", "target", target.wireName());
            }
        }
    }

    /** Claims up to {@code batch} due timers and fires them in one transaction; returns what became of each. */
    public Uni<List<Fired>> fireDue(int batch) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> {
                    // Everything here is written with explicit statements; loaded entities need no dirty checking.
                    session.setDefaultReadOnly(true);
                    return session.createSelectionQuery(CLAIM, ScheduledTimer.class)
                            .setParameter("now", now).setMaxResults(batch)
                            .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                            .getResultList()
                            .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<Fired>of())
                                    : read(session, due).chain(reads -> write(session, due.stream()
                                    .map(timer -> decide(timer, reads, now)).toList(), now)));
                })
                .invoke(fired -> fired.forEach(this::measure));
    }

    /**
     * The earliest pending due time, or null when nothing is pending. Not {@code MIN(due_at)}: with statistics that
     * underestimate the pending rows (after a bulk change, before the next analyze) the planner may aggregate over
     * every pending timer, a second at a million; an ordered scan that stops at its first row cannot.
     */
    public Uni<Instant> nextDue() {
        return sessions.withSession(session -> session.createSelectionQuery(NEXT_DUE, Instant.class)
                        .setMaxResults(1).getResultList())
                .map(first -> first.isEmpty() ? null : first.get(0));
    }

    public Uni<Long> pending() {
        return sessions.withSession(session -> session.createSelectionQuery(PENDING, Long.class).getSingleResult());
    }

    /**
     * Loads the batch's current assignments, their alerts and the reps, one query per table; the per-id lookups
     * after each bulk load are answered from the session.
     */
    private Uni<Reads> read(Mutiny.Session session, List<ScheduledTimer> due) {
        Reads reads = new Reads();
        Set<String> repIds = new LinkedHashSet<>();
        Set<String> repsReminded = new LinkedHashSet<>();
        due.forEach(timer -> {
            repIds.add(timer.repId);
            if (EscalationTarget.REP.wireName().equals(timer.target)) {
                repsReminded.add(timer.repId);
            }
        });
        return session.find(CurrentAssignment.class, due.stream().map(timer -> timer.leadId).distinct().toArray())
                .chain(found -> {
                    found.stream().filter(Objects::nonNull).forEach(row -> reads.assignments.put(row.leadId, row));
                    Set<Long> alertIds = new LinkedHashSet<>();
                    reads.assignments.values().forEach(row -> alertIds.add(row.alertId));
                    return alertIds.isEmpty() ? Uni.createFrom().voidItem()
                            : session.find(StoredAlert.class, alertIds.toArray())
                            .chain(() -> inTurn(alertIds, id -> alerts.find(session, id)
                                    .invoke(alert -> reads.alerts.put(id, alert))));
                })
                .chain(() -> session.find(RosterRep.class, repIds.toArray()))
                .chain(() -> inTurn(repIds, id -> roster.find(session, id).invoke(rep -> reads.reps.put(id, rep))))
                .chain(() -> inTurn(repsReminded, id -> deliveries.toRep(session, id)
                        .invoke(routes -> reads.repRoutes.put(id, routes))))
                .replaceWith(reads);
    }

    /** What one timer causes, from what the batch read. */
    private Outcome decide(ScheduledTimer timer, Reads reads, Instant now) {
        TimerKind kind = TimerKind.valueOf(timer.kind);
        CurrentAssignment assignment = reads.assignments.get(timer.leadId);
        boolean current = assignment != null && assignment.assignmentNumber == timer.assignmentNumber;
        if (kind != TimerKind.CALLBACK && !current) {
            // A reassignment or close cancels these in the same transaction as its change; this one was
            // scheduled by an older assignment that raced it. It must not reach anyone.
            return Outcome.cancelled(timer);
        }
        Alert alert = assignment == null ? null : reads.alerts.get(assignment.alertId);
        RosterRep rep = reads.reps.get(timer.repId);
        Outcome fired = Outcome.fired(timer, assignment);
        if (kind == TimerKind.DEADLINE) {
            Notice notice = new Notice(Notice.DEADLINE, timer.leadId, timer.repId, 0, "operator",
                    "No follow-up logged by the deadline; the lead is being reassigned", alert);
            deliver(fired, notice, deliveries.toOperators(), now);
            announce(fired, DeadlineLapsed.TOPIC, DeadlineLapsed.TYPE, DeadlineLapsed.VERSION, now, new DeadlineLapsed(timer.repId,
                    timer.assignmentNumber, assignment.assignedAt, assignment.respondBy, now, assignment.tier));
            announce(fired, LeadEscalated.TOPIC, LeadEscalated.TYPE, LeadEscalated.VERSION, now,
                    new LeadEscalated(timer.step, "operator", "deadline lapsed", now));
            return fired;
        }
        EscalationTarget target = EscalationTarget.fromWire(timer.target);
        if (target == EscalationTarget.REP) {
            Notice notice = new Notice(Notice.REMINDER, timer.leadId, timer.repId, timer.step, timer.target,
                    timer.message, alert);
            boolean finalEmail = kind == TimerKind.CALLBACK && timer.message.contains("final email");
            deliver(fired, notice, finalEmail ? deliveries.byEmail(rep.email) : reads.repRoutes.get(timer.repId), now);
            announce(fired, ReminderSent.TOPIC, ReminderSent.TYPE, ReminderSent.VERSION, now, new ReminderSent(timer.repId, timer.step,
                    timer.target, finalEmail ? Channel.EMAIL : Channel.SSE, now));
            return fired;
        }
        List<Deliveries.Route> routes = switch (target) {
            case TEAM_LEAD -> deliveries.toTeamLead(rep);
            case OPERATOR -> deliveries.toOperators();
            default -> deliveries.toTeamChannel(rep);
        };
        Notice notice = new Notice(Notice.ESCALATION, timer.leadId, timer.repId, timer.step, timer.target,
                timer.message, alert);
        deliver(fired, notice, routes, now);
        announce(fired, LeadEscalated.TOPIC, LeadEscalated.TYPE, LeadEscalated.VERSION, now,
                new LeadEscalated(timer.step, timer.target, timer.message, now));
        return fired;
    }

    private void deliver(Outcome outcome, Notice notice, List<Deliveries.Route> routes, Instant now) {
        routes.forEach(route -> outcome.deliveries().add(deliveries.row(outcome.timer().id, notice, route, now)));
    }

    /** An event the timer causes, written with the batch's other events in one statement. */
    private static void announce(Outcome outcome, String topic, String type, int version, Instant now, Object data) {
        outcome.events().add(OutgoingEvent.aboutLead(topic, type, version, outcome.timer().leadId, now, data));
    }

    /** Records the batch's deliveries and events and marks its timers, then the transaction commits. */
    private Uni<List<Fired>> write(Mutiny.Session session, List<Outcome> outcomes, Instant claimedAt) {
        List<Map<String, Object>> deliveryRows = new ArrayList<>();
        List<OutgoingEvent> events = new ArrayList<>();
        List<Long> fired = new ArrayList<>();
        List<Long> cancelled = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            outcome.deliveries().forEach(row -> deliveryRows.add(deliveryRow(row)));
            events.addAll(outcome.events());
            (outcome.fired() ? fired : cancelled).add(outcome.timer().id);
        }
        // The moment the batch's effects are recorded, just before its commit; never before the claim's moment,
        // so never before a timer's due_at, even if the wall clock stepped back.
        Instant firedAt = later(claimedAt, clock.instant());
        return insert(session, INSERT_DELIVERIES, deliveryRows)
                .chain(() -> outbox.addAll(session, events))
                .chain(() -> mark(session, fired, ScheduledTimer.FIRED, firedAt))
                .chain(() -> mark(session, cancelled, ScheduledTimer.CANCELLED, firedAt))
                .replaceWith(() -> outcomes.stream()
                        .map(outcome -> new Fired(outcome.timer(), outcome.fired(), firedAt, outcome.tier())).toList());
    }

    private Uni<Void> insert(Mutiny.Session session, String sql, List<Map<String, Object>> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : session.createNativeQuery(sql).setParameter("rows", write(rows)).executeUpdate().replaceWithVoid();
    }

    private Uni<Void> mark(Mutiny.Session session, List<Long> ids, String state, Instant at) {
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : session.createMutationQuery(MARK).setParameter("state", state).setParameter("at", at)
                .setParameter("by", instance).setParameter("ids", ids).executeUpdate().replaceWithVoid();
    }

    private static Map<String, Object> deliveryRow(Delivery row) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("lead_id", row.leadId);
        values.put("timer_id", row.timerId);
        values.put("channel", row.channel);
        values.put("recipient", row.recipient);
        values.put("notice", row.notice);
        values.put("status", row.status);
        values.put("next_attempt_at", row.nextAttemptAt.toString());
        values.put("created_at", row.createdAt.toString());
        return values;
    }

    private void measure(Fired fired) {
        if (!fired.fired()) {
            return;
        }
        ScheduledTimer timer = fired.timer();
        lateness.record(Duration.between(timer.dueAt, fired.firedAt()));
        // Counted after the commit, so a rolled-back pass counts nothing. Lapses are counted by routing-service,
        // which applies them (one owner per metric); here a deadline is the operator's escalation.
        if (TimerKind.DEADLINE.name().equals(timer.kind)) {
            registry.counter("warmline.escalations", "target", EscalationTarget.OPERATOR.wireName()).increment();
        } else if (EscalationTarget.REP.wireName().equals(timer.target)) {
            registry.counter("warmline.reminders", "step", Integer.toString(timer.step)).increment();
        } else {
            registry.counter("warmline.escalations", "target", timer.target).increment();
        }
    }

    /** Runs {@code action} for each item, one after another (a session is never used by two at once). */
    private static <T> Uni<Void> inTurn(Collection<T> items, Function<T, Uni<?>> action) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> action.apply(item).replaceWith(item))
                .collect().asList().replaceWithVoid();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot be written as JSON: " + value.getClass().getSimpleName(), e);
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
