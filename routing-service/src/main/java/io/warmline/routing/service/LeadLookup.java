package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.PageRequest;
import io.warmline.routing.domain.Actor;
import io.warmline.routing.domain.LeadStory;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.FollowUp;
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

    /**
     * A lead with the assignments the actor sees, oldest first (each says why that rep), and the rule that chose
     * them ({@link LeadStory}: operators every one, reps and team leads their own or their team's).
     */
    public record LeadFile(RoutedLead lead, List<Assignment> assignments, LeadStory story) {
    }

    /** Steps of a lead's story the actor sees, and the rule that chose them. */
    public record Seen<T>(List<T> steps, LeadStory story) {
    }

    public Uni<LeadFile> lead(UUID leadId, Actor actor) {
        return sessions.withSession(session -> session.find(RoutedLead.class, leadId)
                .call(lead -> LeadDesk.authorise(session, leadId, actor, lead))
                .chain(lead -> assignments(session, leadId).map(assignments -> {
                    LeadStory story = story(actor, assignments);
                    return new LeadFile(lead, assignments.stream()
                            .filter(a -> story.seesAssignment(holder(a))).toList(), story);
                })));
    }

    public Uni<Seen<TimelineEntry>> timeline(UUID leadId, Actor actor) {
        return sessions.withSession(session -> session.find(RoutedLead.class, leadId)
                        .call(lead -> LeadDesk.authorise(session, leadId, actor, lead))
                        .chain(() -> assignments(session, leadId)))
                .chain(assignments -> timeline.of(leadId).map(entries -> {
                    LeadStory story = story(actor, assignments);
                    return new Seen<>(entries.stream().filter(e -> story.seesStep(e.repId, e.occurredAt)).toList(),
                            story);
                }));
    }

    /** The call attempts logged on a lead, the first first: those of the turns the actor sees. */
    public Uni<List<FollowUp>> followUps(UUID leadId, Actor actor) {
        return sessions.withSession(session -> session.find(RoutedLead.class, leadId)
                .call(lead -> LeadDesk.authorise(session, leadId, actor, lead))
                .chain(() -> assignments(session, leadId))
                .chain(assignments -> session.createSelectionQuery(
                                "from FollowUp where leadId = :lead order by attempt", FollowUp.class)
                        .setParameter("lead", leadId).getResultList()
                        .map(rows -> {
                            LeadStory story = story(actor, assignments);
                            return rows.stream().filter(row -> story.seesStep(row.repId, row.loggedAt)).toList();
                        })));
    }

    private static Uni<List<Assignment>> assignments(Mutiny.Session session, UUID leadId) {
        return session.createSelectionQuery("from Assignment where leadId = :lead order by assignmentNumber",
                Assignment.class).setParameter("lead", leadId).getResultList();
    }

    private static LeadStory story(Actor actor, List<Assignment> assignments) {
        return new LeadStory(actor, assignments.stream().map(LeadLookup::holder).toList());
    }

    private static LeadStory.Holder holder(Assignment a) {
        return new LeadStory.Holder(a.assignmentNumber, a.repId, a.teamId, a.assignedAt);
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
