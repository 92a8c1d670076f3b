package io.warmline.routing.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which parts of one lead's story an actor sees. Operators see all of it. A rep or team lead who may handle the lead
 * sees what happened before anyone held it (received, scored, queued) and the assignments they may handle (their
 * own, or their team's), with each step of those; never the reps, attempts and escalations of another team's or
 * another rep's turn with the lead. A step belongs to the holder it names, else to the assignment in force when it
 * happened. (routing's {@code OperatorBoard} applies the same rule to the escalations list in its query.)
 */
public final class LeadStory {

    /** One assignment of the lead: who held it, in which team, from when. */
    public record Holder(int assignmentNumber, String repId, String teamId, Instant assignedAt) {
    }

    private final Actor actor;
    private final List<Holder> holders;

    public LeadStory(Actor actor, List<Holder> holders) {
        this.actor = actor;
        this.holders = holders.stream().sorted(Comparator.comparingInt(Holder::assignmentNumber)).toList();
    }

    public boolean seesAssignment(Holder holder) {
        return actor.operator() || actor.mayHandleLead(holder.repId(), holder.teamId());
    }

    /** A step of the story: the rep it names (null for none) and when it happened. */
    public boolean seesStep(String repId, Instant at) {
        if (actor.operator()) {
            return true;
        }
        Holder inForce = null;
        for (Holder holder : holders) {
            if (!holder.assignedAt().isAfter(at) && (repId == null || repId.equals(holder.repId()))) {
                inForce = holder;
            }
        }
        if (inForce == null && repId != null) {
            // A step naming a rep before their assignment's time (clock skew between writers): theirs all the same.
            inForce = holders.stream().filter(holder -> repId.equals(holder.repId())).reduce((a, b) -> b)
                    .orElse(null);
        }
        return inForce == null ? repId == null : seesAssignment(inForce);
    }

    /** A rep named inside a step (the one the lead came from): shown when the actor sees one of their turns. */
    public boolean seesRep(String repId) {
        return repId == null || actor.operator()
                || holders.stream().anyMatch(holder -> Objects.equals(repId, holder.repId()) && seesAssignment(holder));
    }
}
