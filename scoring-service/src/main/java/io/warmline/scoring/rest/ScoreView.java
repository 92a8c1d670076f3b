package io.warmline.scoring.rest;

import io.warmline.scoring.domain.Factor;
import io.warmline.scoring.domain.Warmth;
import io.warmline.scoring.domain.WarmthModel;

import java.time.Instant;
import java.util.List;

/** A score as an operator reads it; {@code modelVersion} is null for a proposed model that is not stored. */
public record ScoreView(Integer modelVersion, int score, String tier, Instant respondBy, List<Factor> factors) {

    static ScoreView of(Warmth warmth) {
        return new ScoreView(warmth.modelVersion() == WarmthModel.UNSAVED ? null : warmth.modelVersion(),
                warmth.score(), warmth.tier().wireName(), warmth.respondBy(), warmth.factors());
    }
}
