package io.warmline.routing.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who may take a lead now: on shift, available, under capacity, covering its territory and product. */
public final class Eligibility {

    private Eligibility() {
    }

    /** Why this rep may not take the lead now; empty when they may. */
    public static Optional<String> whyNot(Candidate rep, LeadToRoute lead, Instant now) {
        if (rep.presence() != Presence.AVAILABLE) {
            return Optional.of("not available (" + rep.presence().wireName() + ")");
        }
        if (!rep.hasRoom()) {
            return Optional.of("at capacity (" + rep.openLeads() + " of " + rep.capacity() + ")");
        }
        if (!rep.hours().onShift(now)) {
            return Optional.of("off shift");
        }
        if (!rep.coverage().coversTerritory(lead.region())) {
            return Optional.of("does not cover " + lead.region());
        }
        if (!rep.coverage().coversProduct(lead.product())) {
            return Optional.of("does not sell " + lead.product());
        }
        return Optional.empty();
    }

    /** The reps who may take the lead, leaving out those excluded (the rep it lapsed or was declined with). */
    public static List<Candidate> eligible(List<Candidate> reps, LeadToRoute lead, Instant now, Set<String> excluded) {
        return reps.stream()
                .filter(rep -> !excluded.contains(rep.repId()))
                .filter(rep -> whyNot(rep, lead, now).isEmpty())
                .toList();
    }
}
