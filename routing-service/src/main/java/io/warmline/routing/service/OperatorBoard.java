package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
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

    /** How far back the board's lapses and escalations go, and how many it shows at most. */
    static final Duration RECENT = Duration.ofHours(24);
    static final int MAX_RECENT = 50;

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    OperatorBoard(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** An assignment still waiting for its first connected call, with its lead. */
    public record OpenLead(Assignment assignment, RoutedLead lead) {
    }

    /** Open assignments, the nearest deadline first (leads without one, the cold ones, last). */
    public Uni<List<OpenLead>> openLeads(Actor actor) {
        String team = actor.operator() ? "" : " and a.teamId = :team";
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("select a, l from Assignment a, RoutedLead l "
                    + "where l.leadId = a.leadId and a.status = 'open'" + team
                    + " order by a.respondBy asc nulls last, a.assignedAt", Object[].class);
            if (!actor.operator()) {
                query.setParameter("team", actor.team());
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new OpenLead((Assignment) row[0], (RoutedLead) row[1])).toList());
    }

    /** Lapsed deadlines and escalations of the last 24 hours, newest first. */
    public Uni<List<TimelineEntry>> recentLapsesAndEscalations(Actor actor) {
        // Escalations name no rep: a team lead's are those of leads assigned in their team.
        String team = actor.operator() ? ""
                : " and t.leadId in (select a.leadId from Assignment a where a.teamId = :team)";
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("from TimelineEntry t where t.kind in ('lapsed', 'escalated') "
                            + "and t.occurredAt >= :since" + team + " order by t.occurredAt desc, t.id desc",
                    TimelineEntry.class).setParameter("since", clock.instant().minus(RECENT));
            if (!actor.operator()) {
                query.setParameter("team", actor.team());
            }
            return query.setMaxResults(MAX_RECENT).getResultList();
        });
    }
}
