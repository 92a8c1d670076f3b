package io.warmline.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.Outbox;
import io.warmline.routing.config.RoutingConfig;
import io.warmline.routing.domain.Candidate;
import io.warmline.routing.domain.Choice;
import io.warmline.routing.domain.Router;
import io.warmline.routing.domain.Strategy;
import io.warmline.routing.messaging.LeadAssigned;
import io.warmline.routing.messaging.LeadQueued;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.Rep;
import io.warmline.routing.persistence.RoutedLead;
import io.warmline.routing.persistence.Team;
import io.warmline.routing.persistence.WaitingLead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gives leads to reps, or queues them. The reps with room are locked for the caller's transaction
 * ({@code FOR UPDATE SKIP LOCKED}), so concurrent dispatchers, on this replica or another, never push one rep over
 * capacity: a rep locked by another dispatcher is simply not a candidate here. A lead queued because of that is
 * picked up by the drain that runs after every commit that queues or frees room, and by the periodic sweep.
 */
@ApplicationScoped
public class Dispatcher {

    private static final String REPS_WITH_ROOM = """
            SELECT * FROM rep WHERE active AND presence = 'available' AND open_leads < capacity
             ORDER BY id FOR UPDATE SKIP LOCKED""";
    private static final String WARMEST_WAITING = """
            SELECT * FROM waiting_lead WHERE (not_before IS NULL OR not_before <= :now)
             ORDER BY score DESC, queued_at, lead_id LIMIT :limit FOR UPDATE SKIP LOCKED""";
    private static final String WAITING_AFTER = """
            SELECT * FROM waiting_lead
             WHERE (not_before IS NULL OR not_before <= :now)
               AND (score < :score
                    OR score = :score AND (queued_at > :queuedAt OR queued_at = :queuedAt AND lead_id > :lead))
             ORDER BY score DESC, queued_at, lead_id LIMIT :limit FOR UPDATE SKIP LOCKED""";
    private static final String LEADS_FREE_TO_PLACE = """
            SELECT * FROM routed_lead WHERE lead_id IN (:leads) FOR UPDATE SKIP LOCKED""";
    static final int DRAIN_BATCH = 200;

    private final Outbox outbox;
    private final Timeline timeline;
    private final RoutingMetrics metrics;
    private final RoutingConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    Dispatcher(Outbox outbox, Timeline timeline, RoutingMetrics metrics, RoutingConfig config, ObjectMapper json,
               Clock clock) {
        this.outbox = outbox;
        this.timeline = timeline;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Where routing stands this instant: the reps with room (locked), the teams' settings, and when the locks were
     * taken. Assignments are stamped with that instant, not the transaction's start: a slot freed by a transaction
     * that committed while this one was starting is then never stamped as taken before it was freed.
     */
    private record Floor(Map<String, Rep> reps, Map<String, Team> teams, Instant lockedAt) {
        List<Candidate> candidates() {
            return reps.values().stream().map(Rep::candidate).toList();
        }

        Map<String, Router.TeamPolicy> policies() {
            return teams.values().stream().collect(Collectors.toMap(team -> team.id, Team::policy));
        }

        boolean anyRoom() {
            return reps.values().stream().anyMatch(rep -> rep.openLeads < rep.capacity);
        }
    }

    private Uni<Floor> floor(Mutiny.Session session) {
        return session.createNativeQuery(REPS_WITH_ROOM, Rep.class).getResultList()
                .chain(reps -> session.createSelectionQuery("from Team", Team.class).getResultList()
                        .map(teams -> new Floor(
                                reps.stream().collect(Collectors.toMap(rep -> rep.id, Function.identity(),
                                        (a, b) -> a, LinkedHashMap::new)),
                                teams.stream().collect(Collectors.toMap(team -> team.id, Function.identity())),
                                clock.instant())));
    }

    /**
     * Gives the lead to an eligible rep other than {@code previousRepId} (the one it lapsed with, if any), or
     * queues it. The assignment made, or empty when queued.
     */
    public Uni<Optional<Assignment>> placeOrQueue(Mutiny.Session session, RoutedLead lead, Instant respondBy,
                                                 String previousRepId, Instant now) {
        return session.flush().chain(() -> floor(session)).chain(floor -> {
            Optional<Choice> choice = Router.place(lead.toRoute(), floor.candidates(), floor.policies(), now,
                    excluded(previousRepId));
            if (choice.isEmpty()) {
                return queue(session, lead, respondBy, previousRepId, null, now).replaceWith(Optional.empty());
            }
            return assign(session, floor, lead, choice.get(), respondBy, previousRepId).map(Optional::of);
        });
    }

    /**
     * Gives waiting leads, warmest first, to eligible reps while any has room; the number assigned. As long as there
     * is room the whole queue is read, a page at a time: leads nobody here can take (a territory whose reps are all
     * away) must not hide, behind them, a lead an idle rep could take.
     */
    public Uni<Integer> drainQueue(Mutiny.Session session, Instant now) {
        return floor(session).chain(floor -> drainPages(session, floor, null, now));
    }

    private Uni<Integer> drainPages(Mutiny.Session session, Floor floor, WaitingLead after, Instant now) {
        if (!floor.anyRoom()) {
            return Uni.createFrom().item(0);
        }
        Mutiny.SelectionQuery<WaitingLead> page = after == null
                ? session.createNativeQuery(WARMEST_WAITING, WaitingLead.class)
                : session.createNativeQuery(WAITING_AFTER, WaitingLead.class).setParameter("score", after.score)
                .setParameter("queuedAt", after.queuedAt).setParameter("lead", after.leadId);
        return page.setParameter("limit", DRAIN_BATCH).setParameter("now", now).getResultList().chain(waiting -> waiting.isEmpty()
                ? Uni.createFrom().item(0)
                : leadsOf(session, waiting).chain(leads -> drain(session, floor, waiting, leads, 0, now))
                .chain(assigned -> waiting.size() < DRAIN_BATCH ? Uni.createFrom().item(assigned)
                        : drainPages(session, floor, waiting.get(waiting.size() - 1), now)
                        .map(more -> assigned + more)));
    }

    /**
     * The page's leads, locked. One locked elsewhere is left for the next drain: a re-score locks the lead and then
     * its queue row, which this drain holds already, so waiting for the lead here would deadlock.
     */
    private static Uni<Map<UUID, RoutedLead>> leadsOf(Mutiny.Session session, List<WaitingLead> waiting) {
        return session.createNativeQuery(LEADS_FREE_TO_PLACE, RoutedLead.class)
                .setParameter("leads", waiting.stream().map(lead -> lead.leadId).toList())
                .getResultList()
                .map(leads -> leads.stream().collect(Collectors.toMap(lead -> lead.leadId, Function.identity())));
    }

    private Uni<Integer> drain(Mutiny.Session session, Floor floor, List<WaitingLead> waiting,
                               Map<UUID, RoutedLead> leads, int index, Instant now) {
        if (index >= waiting.size() || !floor.anyRoom()) {
            return Uni.createFrom().item(0);
        }
        WaitingLead next = waiting.get(index);
        RoutedLead lead = leads.get(next.leadId);
        Optional<Choice> choice = lead == null ? Optional.empty() : Router.place(lead.toRoute(),
                floor.candidates(), floor.policies(), now, excluded(next.excludedRepId));
        if (choice.isEmpty()) {
            return drain(session, floor, waiting, leads, index + 1, now);
        }
        // A reassigned lead gets the short deadline from when it is finally taken, not from when it lapsed.
        Instant respondBy = next.excludedRepId == null ? next.respondBy : now.plus(config.reassignedDeadline());
        return assign(session, floor, lead, choice.get(), respondBy, next.excludedRepId)
                .chain(() -> session.remove(next))
                .chain(() -> drain(session, floor, waiting, leads, index + 1, now))
                .map(more -> more + 1);
    }

    private Uni<Assignment> assign(Mutiny.Session session, Floor floor, RoutedLead lead, Choice choice,
                                   Instant respondBy, String previousRepId) {
        Rep rep = floor.reps().get(choice.rep().repId());
        // Read now, with the lead locked, not when the floor was: a drain reads the queue after locking its reps, so
        // a lead released and queued by another replica meanwhile would otherwise be assigned before its release.
        Instant now = clock.instant();
        Instant at = now.isAfter(floor.lockedAt()) ? now : floor.lockedAt();
        rep.openLeads++;
        rep.assignedTotal++;
        rep.lastAssignedAt = at;
        Team team = floor.teams().get(rep.teamId);
        if (team != null && choice.strategy() == Strategy.ROUND_ROBIN) {
            team.lastRepId = rep.id;
        }
        lead.assignments++;
        lead.status = RoutedLead.ASSIGNED;
        Assignment assignment = new Assignment();
        assignment.leadId = lead.leadId;
        assignment.repId = rep.id;
        assignment.assignmentNumber = lead.assignments;
        assignment.previousRepId = previousRepId;
        assignment.teamId = rep.teamId;
        assignment.strategy = choice.strategy().wireName();
        assignment.candidates = String.join(",", choice.candidates());
        assignment.assignedAt = at;
        assignment.respondBy = respondBy;
        assignment.reason = choice.reason();
        assignment.status = Assignment.OPEN;
        LeadAssigned event = new LeadAssigned(rep.id, at, respondBy, lead.tier, lead.score, choice.reason(),
                read(lead.lead), assignment.assignmentNumber, previousRepId, rep.teamId, assignment.strategy,
                choice.candidates());
        metrics.assigned(assignment.strategy, previousRepId != null);
        Map<String, Object> why = new HashMap<>();
        why.put("assignmentNumber", assignment.assignmentNumber);
        why.put("reason", choice.reason());
        why.put("strategy", assignment.strategy);
        why.put("candidates", choice.candidates());
        why.put("respondBy", String.valueOf(respondBy));
        why.put("previousRepId", previousRepId);
        return session.persist(assignment)
                .chain(() -> outbox.add(session, LeadAssigned.TOPIC, LeadAssigned.TYPE, LeadAssigned.VERSION,
                        lead.leadId, at, event))
                .chain(() -> timeline.record(session, lead.leadId, "assigned", at, rep.id, why))
                .replaceWith(assignment);
    }

    /**
     * Queues a lead whose call window opens at {@code windowOpens}: offered to nobody before then, so it goes to a
     * rep on shift during its window. The queue sweep offers it from then on (a row: the wait survives restarts).
     */
    public Uni<Void> queueUntilWindow(Mutiny.Session session, RoutedLead lead, Instant respondBy, Instant windowOpens,
                                      Instant now) {
        return queue(session, lead, respondBy, null, windowOpens, now);
    }

    private Uni<Void> queue(Mutiny.Session session, RoutedLead lead, Instant respondBy, String excludedRepId,
                            Instant notBefore, Instant now) {
        WaitingLead waiting = new WaitingLead();
        waiting.notBefore = notBefore;
        waiting.leadId = lead.leadId;
        waiting.score = lead.score;
        waiting.tier = lead.tier;
        waiting.respondBy = respondBy;
        waiting.queuedAt = now;
        waiting.excludedRepId = excludedRepId;
        lead.status = RoutedLead.WAITING;
        return session.persist(waiting)
                .chain(() -> outbox.add(session, LeadQueued.TOPIC, LeadQueued.TYPE, LeadQueued.VERSION, lead.leadId,
                        now, new LeadQueued(lead.score, lead.tier, respondBy, now)))
                .chain(() -> timeline.record(session, lead.leadId, "queued", now, null,
                        notBefore == null ? Map.of("score", lead.score, "tier", lead.tier, "why", "no eligible rep")
                                : Map.of("score", lead.score, "tier", lead.tier, "why", "waits for its call window",
                                "notBefore", notBefore.toString())));
    }

    /**
     * A new score for a lead not yet given to anyone reorders the queue; an assigned lead keeps its rep, a lead
     * waiting for its call window keeps the respond-by counted from the window.
     */
    public Uni<Void> rescore(Mutiny.Session session, RoutedLead lead, int score, String tier, Instant respondBy) {
        lead.score = score;
        lead.tier = tier;
        if (lead.assignments == 0) {
            lead.respondBy = respondBy;
        }
        return session.createNativeQuery("""
                        UPDATE waiting_lead SET score = :score, tier = :tier,
                               respond_by = CASE WHEN excluded_rep_id IS NULL AND not_before IS NULL THEN :respondBy
                                                 ELSE respond_by END
                         WHERE lead_id = :lead""")
                .setParameter("score", score)
                .setParameter("tier", tier)
                .setParameter("respondBy", respondBy)
                .setParameter("lead", lead.leadId)
                .executeUpdate()
                .replaceWithVoid();
    }

    private static Set<String> excluded(String repId) {
        return repId == null ? Set.of() : Set.of(repId);
    }

    private com.fasterxml.jackson.databind.JsonNode read(String lead) {
        try {
            return json.readTree(lead);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a routed lead's details are not JSON", e);
        }
    }
}
