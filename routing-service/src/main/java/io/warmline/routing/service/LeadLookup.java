package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.PageRequest;
import io.warmline.routing.domain.Actor;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.RoutedLead;
import io.warmline.routing.persistence.TimelineEntry;
import io.warmline.routing.persistence.WaitingLead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.UUID;

/** Reads for reps, team leads and operators: a lead and its assignments, its timeline, a rep's leads, the queue. */
@ApplicationScoped
public class LeadLookup {

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;

    LeadLookup(Mutiny.SessionFactory sessions, Timeline timeline) {
        this.sessions = sessions;
        this.timeline = timeline;
    }

    /** A lead with every assignment it had, oldest first (each says why that rep). */
    public record LeadFile(RoutedLead lead, List<Assignment> assignments) {
    }

    public Uni<LeadFile> lead(UUID leadId, Actor actor) {
        return sessions.withSession(session -> session.find(RoutedLead.class, leadId)
                .call(lead -> LeadDesk.authorise(session, leadId, actor, lead))
                .chain(lead -> session.createSelectionQuery(
                                "from Assignment where leadId = :lead order by assignmentNumber", Assignment.class)
                        .setParameter("lead", leadId).getResultList()
                        .map(assignments -> new LeadFile(lead, assignments))));
    }

    public Uni<List<TimelineEntry>> timeline(UUID leadId, Actor actor) {
        return sessions.withSession(session -> session.find(RoutedLead.class, leadId)
                        .chain(lead -> LeadDesk.authorise(session, leadId, actor, lead)))
                .chain(() -> timeline.of(leadId));
    }

    /** The leads a rep holds now (access to the rep is checked by the caller). */
    public Uni<List<Assignment>> heldBy(String repId) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from Assignment where repId = :rep and status in ('open', 'working') order by assignedAt",
                        Assignment.class)
                .setParameter("rep", repId).getResultList());
    }

    /** The queue, warmest first. */
    /** Waiting leads, warmest first (then the longest waiting), from the page's cursor on. */
    public Uni<List<WaitingLead>> queue(PageRequest page) {
        String after = page.first() ? "" : " where score < :score or score = :score and (queuedAt > :queuedAt "
                + "or queuedAt = :queuedAt and leadId > :leadId)";
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("from WaitingLead" + after
                    + " order by score desc, queuedAt, leadId", WaitingLead.class);
            if (!page.first()) {
                query.setParameter("score", page.afterInt(0)).setParameter("queuedAt", page.afterInstant(1))
                        .setParameter("leadId", page.afterUuid(2));
            }
            return query.setMaxResults(page.rowsToFetch()).getResultList();
        });
    }
}
