package io.warmline.scoring.rest;

import io.warmline.scoring.domain.Warmth;

/** The sample lead under the active and the proposed model, and what the proposal would change. */
public record DryRunResult(ScoreView current, ScoreView proposed, Difference difference) {

    /** @param tier null when the tier stays the same */
    public record Difference(int score, TierChange tier, boolean respondByChanged) {
    }

    public record TierChange(String from, String to) {
    }

    static DryRunResult of(Warmth current, Warmth proposed) {
        TierChange tier = current.tier() == proposed.tier() ? null
                : new TierChange(current.tier().wireName(), proposed.tier().wireName());
        boolean respondByChanged = !java.util.Objects.equals(current.respondBy(), proposed.respondBy());
        return new DryRunResult(ScoreView.of(current), ScoreView.of(proposed),
                new Difference(proposed.score() - current.score(), tier, respondByChanged));
    }
}
