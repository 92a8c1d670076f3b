package io.warmline.faults;

/**
 * One fault of the run and the steady load around it: from {@code startMillis} (the fault injected) to
 * {@code endMillis} (the next fault); {@code recoveredMillis} is when intake answered 2xx again and every lead it
 * accepted during the phase was alerted or queued (-1: not within the recovery window). {@code availabilityGoal}
 * is the share of 2xx answers intake must keep during the phase (0: no goal).
 */
public record Phase(String fault, long startMillis, long faultEndedMillis, long recoveredMillis, long endMillis,
                    double availabilityGoal) {

    public boolean contains(long millis) {
        return millis >= startMillis && millis < endMillis;
    }

    /** Seconds from the end of the fault (service restarted, database or broker started) to recovery; -1: none. */
    public double secondsToRecover() {
        return recoveredMillis < 0 ? -1 : Math.max(0, recoveredMillis - faultEndedMillis) / 1000.0;
    }
}
