package io.warmline.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.Outbox;
import io.warmline.platform.rest.Problem;
import io.warmline.routing.config.RoutingConfig;
import io.warmline.routing.domain.Actor;
import io.warmline.routing.domain.CallWindow;
import io.warmline.routing.domain.FollowUpRules;
import io.warmline.routing.domain.NextStep;
import io.warmline.routing.domain.Outcome;
import io.warmline.routing.domain.WireName;
import io.warmline.routing.messaging.FollowUpLogged;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.FollowUp;
import io.warmline.routing.persistence.Rep;
import io.warmline.routing.persistence.RoutedLead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rep's side of a lead: acknowledge it, log each call attempt with its next step, or give it back. Each
 * request is checked against who holds the lead before anything changes, so a refusal changes nothing.
 */
@ApplicationScoped
public class LeadDesk {

    private final Mutiny.SessionFactory sessions;
    private final LeadClosing closing;
    private final Reassignment reassignment;
    private final Timeline timeline;
    private final Outbox outbox;
    private final RoutingMetrics metrics;
    private final QueueDrainer drainer;
    private final FollowUpRules rules;
    private final ObjectMapper json;
    private final Clock clock;

    LeadDesk(Mutiny.SessionFactory sessions, LeadClosing closing, Reassignment reassignment, Timeline timeline,
             Outbox outbox, RoutingMetrics metrics, QueueDrainer drainer, RoutingConfig config, ObjectMapper json,
             Clock clock) {
        this.sessions = sessions;
        this.closing = closing;
        this.reassignment = reassignment;
        this.timeline = timeline;
        this.outbox = outbox;
        this.metrics = metrics;
        this.drainer = drainer;
        this.rules = new FollowUpRules(config.cadence());
        this.json = json;
        this.clock = clock;
    }

    private Optional<CallWindow> callWindow(RoutedLead lead) {
        try {
            return LeadDetails.callWindow(json.readTree(lead.lead));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A lead as its holder sees it, locked for the transaction. */
    private record Held(Mutiny.Session session, RoutedLead lead, Assignment assignment) {
    }

    /** The latest assignment of a lead, for access decisions (a closed lead stays visible to whoever held it). */
    public static Uni<Assignment> latest(Mutiny.Session session, UUID leadId) {
        return session.createSelectionQuery("from Assignment where leadId = :lead order by assignmentNumber desc",
                        Assignment.class)
                .setParameter("lead", leadId).setMaxResults(1).getSingleResultOrNull();
    }

    /**
     * The lead's latest assignment, once the actor may handle the lead; 404 for an unknown lead and, in the same
     * words, for one the actor may not see (another rep's or team's), so a refusal never says that it exists.
     */
    public static Uni<Assignment> authorise(Mutiny.Session session, UUID leadId, Actor actor, RoutedLead lead) {
        if (lead == null) {
            throw unknownLead(leadId);
        }
        return latest(session, leadId).map(assignment -> {
            boolean allowed = actor.operator() || assignment != null
                    && actor.mayHandleLead(assignment.repId, assignment.teamId);
            if (!allowed) {
                throw unknownLead(leadId);
            }
            return assignment;
        });
    }

    private static Problem unknownLead(UUID leadId) {
        return new Problem(404, "unknown-lead", "Not Found", "no lead " + leadId + " among the leads you may see");
    }

    private <T> Uni<T> onHeldLead(UUID leadId, Actor actor, Function<Held, Uni<T>> action) {
        return sessions.withTransaction(session -> session.find(RoutedLead.class, leadId, LockMode.PESSIMISTIC_WRITE)
                .chain(lead -> authorise(session, leadId, actor, lead).chain(latest -> {
                    if (latest == null || !latest.current()) {
                        throw new Problem(409, "lead-not-held", "Conflict", "lead " + leadId + " is "
                                + lead.status + "; only a lead a rep holds can be acknowledged or followed up");
                    }
                    return action.apply(new Held(session, lead, latest));
                })));
    }

    public Uni<Assignment> acknowledge(UUID leadId, Actor actor) {
        Instant now = clock.instant();
        return onHeldLead(leadId, actor, held -> {
            if (held.assignment().acknowledgedAt != null) {
                return Uni.createFrom().item(held.assignment());
            }
            held.assignment().acknowledgedAt = now;
            return timeline.record(held.session(), leadId, "acknowledged", now, held.assignment().repId, Map.of())
                    .replaceWith(held.assignment());
        });
    }

    /** What a logged attempt became: the row, and whether it freed room for the queue. */
    public record Logged(FollowUp followUp, boolean closed, String closedReason) {
    }

    public Uni<Logged> logFollowUp(UUID leadId, Actor actor, FollowUpRules.Attempt attempt, String notes) {
        Instant now = clock.instant();
        return onHeldLead(leadId, actor, held -> held.session().find(Rep.class, held.assignment().repId)
                        .chain(rep -> {
                            FollowUpRules.Result result = rules.decide(attempt, held.lead().unansweredInARow, now,
                                    ZoneId.of(rep.timeZone), callWindow(held.lead()));
                            if (result.refused()) {
                                throw new Problem(422, "invalid-follow-up", "Unprocessable Content",
                                        "the follow-up was not logged; see errors", result.problems(), null);
                            }
                            return record(held, result.decision(), actor, notes, now);
                        }))
                .invoke(logged -> drainer.drainSoon());
    }

    private Uni<Logged> record(Held held, FollowUpRules.Decision decision, Actor actor, String notes, Instant now) {
        RoutedLead lead = held.lead();
        Assignment assignment = held.assignment();
        Mutiny.Session session = held.session();
        lead.followUps++;
        lead.unansweredInARow = decision.outcome() == Outcome.CONNECTED ? 0
                : decision.outcome() == Outcome.WRONG_NUMBER ? lead.unansweredInARow : lead.unansweredInARow + 1;
        boolean first = lead.followUps == 1;
        if (assignment.firstFollowUpAt == null) {
            assignment.firstFollowUpAt = now;
        }
        if (first) {
            metrics.firstFollowUp(lead.receivedAt, assignment.respondBy, now);
        }
        String outcome = WireName.of(decision.outcome());
        metrics.followUp(outcome);
        NextStep next = decision.nextStep();
        FollowUp row = new FollowUp();
        row.leadId = lead.leadId;
        row.repId = assignment.repId;
        row.assignmentId = assignment.id;
        row.attempt = lead.followUps;
        row.outcome = outcome;
        row.objection = decision.objection() == null ? null : WireName.of(decision.objection());
        row.nextStep = WireName.of(next.type());
        row.dueAt = next.dueAt();
        row.notes = notes;
        row.loggedAt = now;
        row.loggedBy = actor.id();
        FollowUpLogged event = new FollowUpLogged(assignment.repId, row.attempt, outcome, row.objection,
                new FollowUpLogged.Step(row.nextStep, row.dueAt), now, lead.receivedAt, assignment.respondBy, first);
        Map<String, Object> detail = new HashMap<>();
        detail.put("attempt", row.attempt);
        detail.put("outcome", outcome);
        detail.put("objection", row.objection);
        detail.put("nextStep", row.nextStep);
        detail.put("dueAt", String.valueOf(row.dueAt));
        // A connected call means the rep has the lead in hand: it stops holding one of their uncalled slots.
        Uni<Boolean> progressed = decision.outcome() == Outcome.CONNECTED && decision.closes().isEmpty()
                ? closing.release(session, assignment, Assignment.WORKING, now)
                : Uni.createFrom().item(false);
        return session.persist(row)
                .chain(() -> progressed)
                .chain(() -> timeline.record(session, lead.leadId, "attempt", now, assignment.repId, detail))
                .chain(() -> outbox.add(session, FollowUpLogged.TOPIC, FollowUpLogged.TYPE, FollowUpLogged.VERSION,
                        lead.leadId, now, event))
                .chain(() -> decision.closes()
                        .map(reason -> closing.close(session, lead, assignment, assignment.repId, reason, now))
                        .orElseGet(() -> Uni.createFrom().item(false)))
                .chain(session::flush)
                .replaceWith(() -> new Logged(row, decision.closes().isPresent(), lead.closedReason));
    }

    public Uni<Void> decline(UUID leadId, Actor actor) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(RoutedLead.class, leadId, LockMode.PESSIMISTIC_WRITE)
                        .chain(lead -> authorise(session, leadId, actor, lead).chain(latest -> {
                            if (latest == null || !Assignment.OPEN.equals(latest.status)
                                    || latest.firstFollowUpAt != null) {
                                throw new Problem(409, "cannot-decline", "Conflict", "only a lead you hold and "
                                        + "have not called yet can be declined");
                            }
                            return reassignment.decline(session, lead, latest, now);
                        })))
                .invoke(reassignment::afterCommit)
                .replaceWithVoid();
    }
}
