package io.warmline.routing.domain;

import io.warmline.platform.domain.WorkingHours;
import java.time.Instant;

/** Test reps: available, national, all products, always on shift, unless a test says otherwise. */
final class Reps {

    private Reps() {
    }

    static Candidate rep(String id) {
        return new Candidate(id, "team-a", Presence.AVAILABLE, 3, 0, Coverage.EVERYTHING, WorkingHours.ALWAYS, 0.1, 1,
                0, null);
    }

    static Candidate with(Candidate rep, int openLeads, Instant lastAssignedAt) {
        return new Candidate(rep.repId(), rep.teamId(), rep.presence(), rep.capacity(), openLeads, rep.coverage(),
                rep.hours(), rep.conversionRate(), rep.weight(), rep.assignedTotal(), lastAssignedAt);
    }

    static Candidate converting(Candidate rep, double rate) {
        return new Candidate(rep.repId(), rep.teamId(), rep.presence(), rep.capacity(), rep.openLeads(), rep.coverage(),
                rep.hours(), rate, rep.weight(), rep.assignedTotal(), rep.lastAssignedAt());
    }

    static Candidate weighted(Candidate rep, int weight) {
        return new Candidate(rep.repId(), rep.teamId(), rep.presence(), rep.capacity(), rep.openLeads(), rep.coverage(),
                rep.hours(), rep.conversionRate(), weight, rep.assignedTotal(), rep.lastAssignedAt());
    }
}
