package io.warmline.routing.service;

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
import java.util.ArrayList;
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
 * Gives leads to reps, or queues them. The roster is read without locks; the chosen rep's slot is then taken by one
 * conditional update that locks that rep alone and only while it still has room ({@link #TAKE_SLOT}), so
 * concurrent dispatchers, on this replica or another, never push one rep over capacity. A rep whose slot cannot be
 * taken (full meanwhile, away, or locked by another transaction) is dropped and the lead chosen again among the
 * rest. A lead queued because of that is picked up by the drain that runs after every commit that queues or frees
 * room, and by the periodic sweep.
 */
@ApplicationScoped
public class Dispatcher {

    /** The reps who may have room, with their team's settings: read, not locked (the slot is taken below). */
    private static final String ROSTER = """
            select r, t from Rep r left join Team t on t.id = r.teamId
             where r.active and r.presence = 'available' and r.openLeads < r.capacity order by r.id""";
    /**
     * Takes one slot of the rep, if it still has room and no other transaction holds the rep now (one that does may
     * be freeing or taking a slot: waiting for it could deadlock a drain that takes several reps, so the rep is
     * skipped and the lead chosen again, as when the roster was locked with SKIP LOCKED).
     */
    private static final String TAKE_SLOT = """
            UPDATE rep SET open_leads = open_leads + 1, assigned_total = assigned_total + 1, last_assigned_at = :at
             WHERE id = (SELECT id FROM rep WHERE id = :rep AND active AND presence = 'available'
                           AND open_leads < capacity FOR UPDATE SKIP LOCKED)""";
    /**
     * Waiting leads some rep with room might take: not excluded, territory and product covered (as {@code Coverage}
     * reads the rep's comma-separated lists: national covers every territory, no products every product). Shifts
     * and presence details are left to {@code Eligibility}: this only keeps leads nobody can take out of the page.
     */
    private static final String WAITING = """
            SELECT w.* FROM waiting_lead w JOIN routed_lead l ON l.lead_id = w.lead_id
             WHERE (w.not_before IS NULL OR w.not_before <= :now) %s
               AND EXISTS (SELECT 1 FROM rep r WHERE r.active AND r.presence = 'available'
                             AND r.open_leads < r.capacity AND r.id IS DISTINCT FROM w.excluded_rep_id
                             AND (coalesce(btrim(l.region), '') = '' OR EXISTS (
                                  SELECT 1 FROM unnest(string_to_array(r.territories, ',')) t
                                   WHERE lower(btrim(t)) IN ('national', lower(btrim(l.region)))))
                             AND (coalesce(btrim(l.product), '') = ''
                                  OR NOT EXISTS (SELECT 1 FROM unnest(string_to_array(r.products, ',')) p
                                                  WHERE btrim(p) <> '')
                                  OR EXISTS (SELECT 1 FROM unnest(string_to_array(r.products, ',')) p
                                              WHERE lower(btrim(p)) = lower(btrim(l.product)))))
             ORDER BY w.score DESC, w.queued_at, w.lead_id LIMIT :limit FOR UPDATE OF w SKIP LOCKED""";
    private static final String WARMEST_WAITING = WAITING.formatted("");
    private static final String WAITING_AFTER = WAITING.formatted("""
            AND (w.score < :score
                 OR w.score = :score AND (w.queued_at > :queuedAt OR w.queued_at = :queuedAt AND w.lead_id > :lead))""");
    private static final String LEADS_FREE_TO_PLACE = """
            SELECT * FROM routed_lead WHERE lead_id IN (:leads) FOR UPDATE SKIP LOCKED""";
    /** The most waiting leads one drain pass reads (and so locks); the next pass goes on after the last. */
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
     * The reps who had room when read, as candidates built once per transaction, and the teams' settings. A slot
     * taken here updates its candidate; a rep whose slot could not be taken leaves.
     */
    private record Floor(Map<String, Candidate> reps, Map<String, Team> teams) {
        List<Candidate> candidates() {
            return List.copyOf(reps.values());
        }

        Map<String, Router.TeamPolicy> policies() {
            return teams.values().stream().collect(Collectors.toMap(team -> team.id, Team::policy));
        }

        boolean anyRoom() {
            return reps.values().stream().anyMatch(Candidate::hasRoom);
        }
    }

    /** A slot taken: the choice, and the instant it was taken (read after the rep's lock was granted). */
    private record Taken(Choice choice, Instant at) {
    }

    /** One drain pass: the leads it assigned, and the last lead it read when more may wait after it. */
    public record Drained(int assigned, WaitingLead next) {
    }

    private Uni<Floor> floor(Mutiny.Session session) {
        return session.createSelectionQuery(ROSTER, Object[].class).getResultList().map(rows -> {
            Map<String, Candidate> reps = new LinkedHashMap<>();
            Map<String, Team> teams = new HashMap<>();
            for (Object[] row : rows) {
                Rep rep = (Rep) row[0];
                reps.put(rep.id, rep.candidate());
                if (row[1] instanceof Team team) {
                    teams.put(team.id, team);
                }
            }
            return new Floor(reps, teams);
        });
    }

    /**
     * Chooses among the floor's reps and takes the chosen rep's slot; when the slot is gone (another transaction
     * took the last one, the rep went away, or holds the rep now) chooses again without them. Empty when nobody
     * eligible is left.
     */
    private Uni<Optional<Taken>> takeSlot(Mutiny.Session session, Floor floor, RoutedLead lead, Instant now,
                                          Set<String> excluded) {
        Optional<Choice> choice = Router.place(lead.toRoute(), floor.candidates(), floor.policies(), now, excluded);
        if (choice.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String repId = choice.get().rep().repId();
        Instant before = clock.instant();
        return session.createNativeQuery(TAKE_SLOT).setParameter("rep", repId).setParameter("at", before)
                .executeUpdate().chain(rows -> {
                    if (rows == 0) {
                        floor.reps().remove(repId);
                        return takeSlot(session, floor, lead, now, excluded);
                    }
                    // Read with the rep locked: a slot freed by a transaction that committed before the lock was
                    // granted was freed before this instant, so the history orders the two as they happened.
                    Instant at = clock.instant();
                    floor.reps().computeIfPresent(repId, (id, rep) -> rep.takes(before));
                    return Uni.createFrom().item(Optional.of(new Taken(choice.get(), at.isAfter(before) ? at : before)));
                });
    }

    /**
     * Gives the lead to an eligible rep other than {@code previousRepId} (the one it lapsed with, if any), or
     * queues it. The assignment made, or empty when queued. {@code earlier} are timeline entries of the same
     * transaction, written in one statement with the assignment's or the queueing's own.
     */
    public Uni<Optional<Assignment>> placeOrQueue(Mutiny.Session session, RoutedLead lead, Instant respondBy,
                                                 String previousRepId, Instant now, List<Timeline.Entry> earlier) {
        return session.flush().chain(() -> floor(session))
                .chain(floor -> takeSlot(session, floor, lead, now, excluded(previousRepId)).chain(taken -> {
                    if (taken.isEmpty()) {
                        return queue(session, lead, respondBy, previousRepId, null, now, earlier)
                                .replaceWith(Optional.<Assignment>empty());
                    }
                    return assign(session, floor, lead, taken.get(), respondBy, previousRepId, earlier)
                            .map(Optional::of);
                }));
    }

    public Uni<Optional<Assignment>> placeOrQueue(Mutiny.Session session, RoutedLead lead, Instant respondBy,
                                                 String previousRepId, Instant now) {
        return placeOrQueue(session, lead, respondBy, previousRepId, now, List.of());
    }

    /**
     * One drain pass: gives waiting leads, warmest first, from after {@code after} (the first pass: from the
     * warmest), to eligible reps while any has room. At most one page of the queue is read, and only leads some rep
     * with room covers: a pass is one short transaction however long the queue. When the page was full and room is
     * left, {@link Drained#next()} is where the next pass goes on, so leads nobody here can take now (reps off shift)
     * never hide, behind them, a lead an idle rep could take.
     */
    public Uni<Drained> drainQueue(Mutiny.Session session, Instant now, WaitingLead after) {
        Mutiny.SelectionQuery<WaitingLead> page = after == null
                ? session.createNativeQuery(WARMEST_WAITING, WaitingLead.class)
                : session.createNativeQuery(WAITING_AFTER, WaitingLead.class).setParameter("score", after.score)
                .setParameter("queuedAt", after.queuedAt).setParameter("lead", after.leadId);
        return page.setParameter("limit", DRAIN_BATCH).setParameter("now", now).getResultList().chain(waiting -> {
            if (waiting.isEmpty()) {
                return Uni.createFrom().item(new Drained(0, null));
            }
            return floor(session).chain(floor -> leadsOf(session, waiting)
                    .chain(leads -> drain(session, floor, waiting, leads, 0, now))
                    .map(assigned -> new Drained(assigned,
                            waiting.size() < DRAIN_BATCH || !floor.anyRoom() ? null : waiting.get(waiting.size() - 1))));
        });
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
        Uni<Optional<Taken>> taken = lead == null ? Uni.createFrom().item(Optional.empty())
                : takeSlot(session, floor, lead, now, excluded(next.excludedRepId));
        return taken.chain(slot -> {
            if (slot.isEmpty()) {
                return drain(session, floor, waiting, leads, index + 1, now);
            }
            // A reassigned lead gets the short deadline from when it is finally taken, not from when it lapsed.
            Instant respondBy = next.excludedRepId == null ? next.respondBy : now.plus(config.reassignedDeadline());
            return assign(session, floor, lead, slot.get(), respondBy, next.excludedRepId, List.of())
                    .chain(() -> session.remove(next))
                    .chain(() -> drain(session, floor, waiting, leads, index + 1, now))
                    .map(more -> more + 1);
        });
    }

    private Uni<Assignment> assign(Mutiny.Session session, Floor floor, RoutedLead lead, Taken taken,
                                   Instant respondBy, String previousRepId, List<Timeline.Entry> earlier) {
        Choice choice = taken.choice();
        Candidate rep = choice.rep();
        Instant at = taken.at();
        Team team = floor.teams().get(rep.teamId());
        if (team != null && choice.strategy() == Strategy.ROUND_ROBIN) {
            team.lastRepId = rep.repId();
        }
        lead.assignments++;
        lead.status = RoutedLead.ASSIGNED;
        Assignment assignment = new Assignment();
        assignment.leadId = lead.leadId;
        assignment.repId = rep.repId();
        assignment.assignmentNumber = lead.assignments;
        assignment.previousRepId = previousRepId;
        assignment.teamId = rep.teamId();
        assignment.strategy = choice.strategy().wireName();
        assignment.candidates = String.join(",", choice.candidates());
        assignment.assignedAt = at;
        assignment.respondBy = respondBy;
        assignment.reason = choice.reason();
        assignment.status = Assignment.OPEN;
        LeadAssigned event = new LeadAssigned(rep.repId(), at, respondBy, lead.tier, lead.score, choice.reason(),
                lead.details(json), assignment.assignmentNumber, previousRepId, rep.teamId(), assignment.strategy,
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
                .chain(() -> timeline.record(session, with(earlier,
                        new Timeline.Entry(lead.leadId, "assigned", at, rep.repId(), why))))
                .replaceWith(assignment);
    }

    private static List<Timeline.Entry> with(List<Timeline.Entry> earlier, Timeline.Entry entry) {
        List<Timeline.Entry> all = new ArrayList<>(earlier);
        all.add(entry);
        return all;
    }

    /**
     * Queues a lead whose call window opens at {@code windowOpens}: offered to nobody before then, so it goes to a
     * rep on shift during its window. The queue sweep offers it from then on (a row: the wait survives restarts).
     */
    public Uni<Void> queueUntilWindow(Mutiny.Session session, RoutedLead lead, Instant respondBy, Instant windowOpens,
                                      Instant now, List<Timeline.Entry> earlier) {
        return queue(session, lead, respondBy, null, windowOpens, now, earlier);
    }

    private Uni<Void> queue(Mutiny.Session session, RoutedLead lead, Instant respondBy, String excludedRepId,
                            Instant notBefore, Instant now, List<Timeline.Entry> earlier) {
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
                .chain(() -> timeline.record(session, with(earlier, new Timeline.Entry(lead.leadId, "queued", now, null,
                        notBefore == null ? Map.of("score", lead.score, "tier", lead.tier, "why", "no eligible rep")
                                : Map.of("score", lead.score, "tier", lead.tier, "why", "waits for its call window",
                                "notBefore", notBefore.toString())))));
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
}
