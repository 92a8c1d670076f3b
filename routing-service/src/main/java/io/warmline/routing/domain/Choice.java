package io.warmline.routing.domain;

import java.util.List;

/** The rep a lead goes to, the strategy and rule that chose them, and every rep that was considered. */
public record Choice(Candidate rep, Strategy strategy, String rule, List<String> candidates) {

    /** The recorded answer to "why did she get it?". */
    public String reason() {
        return rule + "; eligible: " + String.join(", ", candidates);
    }
}
