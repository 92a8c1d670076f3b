package io.warmline.scoring.domain;

import java.time.Instant;
import java.util.List;

/** A lead's score, why, under which model, and by when a rep must respond (null: no call, nurture). */
public record Warmth(int score, Tier tier, List<Factor> factors, int modelVersion, Instant respondBy) {
}
