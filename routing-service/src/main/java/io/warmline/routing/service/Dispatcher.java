package io.warmline.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.routing.domain.Presence;
import io.warmline.routing.messaging.LeadAssigned;
import io.warmline.routing.messaging.Outbox;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.Rep;
import io.warmline.routing.persistence.WaitingLead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.UUID;

/**
 * Gives a lead to the least-loaded available rep under capacity (longest idle first on a tie), or queues it.
 * The rep row is locked for the length of the caller's transaction ({@code FOR UPDATE SKIP LOCKED}), so concurrent
 * dispatchers, on this replica or another, never push one rep over capacity.
 */
@ApplicationScoped
public class Dispatcher {

    private static final String NEXT_REP = """
            SELECT * FROM rep WHERE presence = :available AND open_leads < capacity
             ORDER BY open_leads, last_assigned_at NULLS FIRST, id
             LIMIT 1 FOR UPDATE SKIP LOCKED""";
    private static final String WARMEST_WAITING = """
            SELECT * FROM waiting_lead ORDER BY score DESC, queued_at, lead_id LIMIT 1 FOR UPDATE SKIP LOCKED""";

    private final Outbox outbox;
    private final ObjectMapper json;

    Dispatcher(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** A lead ready for a rep. */
    public record ReadyLead(UUID leadId, int score, String tier, Instant respondBy, JsonNode lead) {
    }

    /** True when assigned now, false when queued. */
    public Uni<Boolean> assignOrQueue(Mutiny.Session session, ReadyLead lead, Instant now) {
        return nextRep(session).chain(rep -> rep == null
                ? queue(session, lead, now).replaceWith(false)
                : assign(session, rep, lead, now).replaceWith(true));
    }

    /** Assigns waiting leads, warmest first, while an available rep has room; the number assigned. */
    public Uni<Integer> drainQueue(Mutiny.Session session, Instant now) {
        return session.createNativeQuery(WARMEST_WAITING, WaitingLead.class).getSingleResultOrNull()
                .chain(waiting -> waiting == null ? Uni.createFrom().item(0) : nextRep(session).chain(rep -> rep == null
                        ? Uni.createFrom().item(0)
                        : assign(session, rep, new ReadyLead(waiting.leadId, waiting.score, waiting.tier,
                                waiting.respondBy, read(waiting.lead)), now)
                        .chain(() -> session.remove(waiting))
                        .chain(session::flush)
                        .chain(() -> drainQueue(session, now))
                        .map(more -> more + 1)));
    }

    /** Whether this lead was routed before: it is waiting, or has (had) a rep. */
    public Uni<Boolean> known(Mutiny.Session session, UUID leadId) {
        return session.createNativeQuery("""
                        SELECT (EXISTS (SELECT 1 FROM waiting_lead WHERE lead_id = :lead)
                             OR EXISTS (SELECT 1 FROM assignment WHERE lead_id = :lead))""", Boolean.class)
                .setParameter("lead", leadId)
                .getSingleResult();
    }

    /** A new score for a waiting lead reorders the queue; an assigned lead keeps its rep. */
    public Uni<Void> rescore(Mutiny.Session session, UUID leadId, int score, String tier, Instant respondBy) {
        return session.createNativeQuery("""
                        UPDATE waiting_lead SET score = :score, tier = :tier, respond_by = :respondBy
                         WHERE lead_id = :lead""")
                .setParameter("score", score)
                .setParameter("tier", tier)
                .setParameter("respondBy", respondBy)
                .setParameter("lead", leadId)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Rep> nextRep(Mutiny.Session session) {
        return session.createNativeQuery(NEXT_REP, Rep.class)
                .setParameter("available", Presence.AVAILABLE.wireName())
                .getSingleResultOrNull();
    }

    private Uni<Void> assign(Mutiny.Session session, Rep rep, ReadyLead lead, Instant now) {
        String reason = "least loaded available rep (" + rep.openLeads + " of " + rep.capacity
                + " open), longest since their last lead";
        rep.openLeads++;
        rep.lastAssignedAt = now;
        Assignment assignment = new Assignment();
        assignment.leadId = lead.leadId();
        assignment.repId = rep.id;
        assignment.assignedAt = now;
        assignment.respondBy = lead.respondBy();
        assignment.reason = reason;
        assignment.status = Assignment.OPEN;
        LeadAssigned event = new LeadAssigned(rep.id, now, lead.respondBy(), lead.tier(), lead.score(), reason,
                lead.lead());
        return session.persist(assignment)
                .chain(() -> outbox.add(session, LeadAssigned.TOPIC, LeadAssigned.TYPE, LeadAssigned.VERSION,
                        lead.leadId(), now, event))
                .replaceWithVoid();
    }

    private Uni<Void> queue(Mutiny.Session session, ReadyLead lead, Instant now) {
        WaitingLead waiting = new WaitingLead();
        waiting.leadId = lead.leadId();
        waiting.score = lead.score();
        waiting.tier = lead.tier();
        waiting.respondBy = lead.respondBy();
        waiting.lead = write(lead.lead());
        waiting.queuedAt = now;
        return session.persist(waiting);
    }

    private String write(JsonNode lead) {
        try {
            return json.writeValueAsString(lead);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String lead) {
        try {
            return json.readTree(lead);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a waiting lead's details are not JSON", e);
        }
    }
}
