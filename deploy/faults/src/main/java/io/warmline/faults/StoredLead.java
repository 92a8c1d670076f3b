package io.warmline.faults;

/**
 * What the services' databases hold about one lead at the end: intake stored it; scoring scored it; routing saw it,
 * assigned it (how many assignments, how many still current) or queued it; notification alerted it (how many alerts).
 */
public record StoredLead(String vendorLeadId, String leadId, boolean scored, boolean routed, int assignments,
                         int currentAssignments, boolean queued, int alerts) {

    /** How far the lead came, for a lost lead's evidence. */
    public String furthestStage() {
        if (alerts > 0) {
            return "alerted";
        }
        if (assignments > 0) {
            return "assigned, not alerted";
        }
        if (queued) {
            return "queued";
        }
        if (routed) {
            return "routed, neither assigned nor queued";
        }
        if (scored) {
            return "scored, not routed";
        }
        return "stored by intake, not scored";
    }
}
