package io.warmline.routing.domain;

import java.util.UUID;

/** A lead as routing places it: how warm, and where and what (region and product may be unknown). */
public record LeadToRoute(UUID leadId, int score, String tier, String region, String product) {

    public boolean hot() {
        return "hot".equals(tier);
    }
}
