package io.warmline.intake.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Where a lead stands, from the milestones recorded for it. The furthest milestone wins rather than the latest:
 * the services report from different topics, so "closed" may be recorded before "assigned" is. The outcome is the
 * furthest milestone's own (its latest, when it was reached several times), so status and outcome always agree.
 */
public record LeadStatus(Milestone status, String outcome, List<Reached> milestones) {

    /** A milestone a lead reached, when, and what came of it where that is known (such as a call's outcome). */
    public record Reached(Milestone milestone, Instant at, String outcome) {
    }

    public static LeadStatus of(List<Reached> reached) {
        if (reached.isEmpty()) {
            throw new IllegalArgumentException("a stored lead has at least its received milestone");
        }
        List<Reached> inOrder = reached.stream()
                .sorted(Comparator.comparing(Reached::at).thenComparing(Reached::milestone)).toList();
        Milestone furthest = inOrder.stream().map(Reached::milestone).max(Comparator.naturalOrder()).orElseThrow();
        String outcome = inOrder.stream().filter(step -> step.milestone() == furthest).map(Reached::outcome)
                .filter(Objects::nonNull).reduce((earlier, later) -> later).orElse(null);
        return new LeadStatus(furthest, outcome, inOrder);
    }
}
