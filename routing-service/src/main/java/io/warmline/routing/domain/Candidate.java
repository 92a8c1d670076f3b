package io.warmline.routing.domain;

import io.warmline.platform.domain.WorkingHours;
import java.time.Instant;

/**
 * What routing knows of one rep when it places a lead: enough to decide eligibility and to let a strategy choose.
 * {@code assignedTotal} counts every lead ever given (weighted round robin's memory).
 */
public record Candidate(String repId, String teamId, Presence presence, int capacity, int openLeads,
                        Coverage coverage, WorkingHours hours, double conversionRate, int weight, long assignedTotal,
                        Instant lastAssignedAt) {

    public boolean hasRoom() {
        return openLeads < capacity;
    }

    /** The same rep after taking one more lead now. */
    public Candidate takes(Instant now) {
        return new Candidate(repId, teamId, presence, capacity, openLeads + 1, coverage, hours, conversionRate, weight,
                assignedTotal + 1, now);
    }

    double load() {
        return (double) openLeads / capacity;
    }
}
