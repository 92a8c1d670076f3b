package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.PageRequest;
import io.warmline.routing.domain.Actor;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.RoutedLead;
import io.warmline.routing.persistence.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What the operators' board reads besides the queue and the roster: the leads reps hold and have not reached yet,
 * each with its deadline, and the recent lapses and escalations. Operators see everything; a team lead sees their
 * own team's (the team a lead was assigned in, as for every other lead read).
 */
@ApplicationScoped
public class OperatorBoard {

    /** How far back the board's lapses and escalations go. */
    static final Duration RECENT = Duration.ofHours(24);

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    OperatorBoard(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** An assignment still waiting for its first connected call, with its lead. */
    public record OpenLead(Assignment assignment, RoutedLead lead) {
    }

    /**
     * Open assignments, the nearest deadline first (leads without one, the cold ones, last; then the earliest
     * assigned), from the page's cursor on.
     */
    public Uni<List<OpenLead>> openLeads(Actor actor, PageRequest page) {
        String team = actor.operator() ? "" : " and a.teamId = :team";
        String after = page.first() ? ""
                : page.afterInstant(0) == null ? " and a.respondBy is null and " + AFTER_ASSIGNED
                : " and (a.respondBy > :respondBy or a.respondBy is null or a.respondBy = :respondBy and "
                        + AFTER_ASSIGNED + ")";
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("select a, l from Assignment a, RoutedLead l "
                    + "where l.leadId = a.leadId and a.status = 'open'" + team + after
                    + " order by a.respondBy asc nulls last, a.assignedAt, a.id", Object[].class);
            if (!actor.operator()) {
                query.setParameter("team", actor.team());
            }
            if (!page.first()) {
                if (page.afterInstant(0) != null) {
                    query.setParameter("respondBy", page.afterInstant(0));
                }
                query.setParameter("assignedAt", page.afterInstant(1)).setParameter("id", page.afterLong(2));
            }
            return query.setMaxResults(page.rowsToFetch()).getResultList();
        }).map(rows -> rows.stream().map(row -> new OpenLead((Assignment) row[0], (RoutedLead) row[1])).toList());
    }

    private static final String AFTER_ASSIGNED = "(a.assignedAt > :assignedAt or a.assignedAt = :assignedAt "
            + "and a.id > :id)";

    /** Lapsed deadlines and escalations of the last 24 hours, newest first, from the page's cursor on. */
    public Uni<List<TimelineEntry>> recentLapsesAndEscalations(Actor actor, PageRequest page) {
        // A team lead's are those of their team's turns with a lead (LeadStory's rule): a lapse belongs to the rep
        // it names, an escalation (it names no rep) to the assignment in force when it happened.
        String team = actor.operator() ? "" : " and exists (select 1 from Assignment a where a.leadId = t.leadId"
                + " and a.teamId = :team and a.assignedAt <= t.occurredAt and (t.repId is null or a.repId = t.repId)"
                + " and not exists (select 1 from Assignment b where b.leadId = a.leadId"
                + " and b.assignmentNumber > a.assignmentNumber and b.assignedAt <= t.occurredAt"
                + " and (t.repId is null or b.repId = t.repId)))";
        String after = page.first() ? "" : " and (t.occurredAt < :occurredAt or t.occurredAt = :occurredAt "
                + "and t.id < :id)";
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("from TimelineEntry t where t.kind in ('lapsed', 'escalated') "
                            + "and t.occurredAt >= :since" + team + after + " order by t.occurredAt desc, t.id desc",
                    TimelineEntry.class).setParameter("since", clock.instant().minus(RECENT));
            if (!actor.operator()) {
                query.setParameter("team", actor.team());
            }
            if (!page.first()) {
                query.setParameter("occurredAt", page.afterInstant(0)).setParameter("id", page.afterLong(1));
            }
            return query.setMaxResults(page.rowsToFetch()).getResultList();
        });
    }
}
