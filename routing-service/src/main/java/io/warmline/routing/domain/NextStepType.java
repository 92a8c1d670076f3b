package io.warmline.routing.domain;

import java.util.Set;

/** What happens next on a lead. The first five are the rep's to choose after a connected call; the rest are ours. */
public enum NextStepType {
    PROPOSAL, FOLLOW_UP_CALL, SITE_VISIT, SIGNED, NOT_INTERESTED, NEXT_ATTEMPT, FINAL_EMAIL;

    static final Set<NextStepType> AFTER_CONNECTED = Set.of(PROPOSAL, FOLLOW_UP_CALL, SITE_VISIT, SIGNED,
            NOT_INTERESTED);
    static final Set<NextStepType> DATED = Set.of(PROPOSAL, FOLLOW_UP_CALL, SITE_VISIT);
}
