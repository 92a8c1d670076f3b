package io.warmline.notification.domain;

import java.util.Locale;

/** Who a policy step reaches. The wire names (lower snake case) are what the policy API and the events carry. */
public enum EscalationTarget {
    /** The rep the lead is assigned to (a reminder). */
    REP,
    /** The assigned rep's team lead, from the roster. */
    TEAM_LEAD,
    /** The operators on duty (configuration). */
    OPERATOR,
    /** The team's channel (an incoming webhook). */
    CHANNEL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The target for a wire name, or null when there is none by that name. */
    public static EscalationTarget fromWire(String name) {
        for (EscalationTarget target : values()) {
            if (target.wireName().equals(name)) {
                return target;
            }
        }
        return null;
    }
}
