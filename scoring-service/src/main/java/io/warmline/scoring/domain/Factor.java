package io.warmline.scoring.domain;

/** One reason a lead scored what it did; the points of all factors add up to the score. */
public record Factor(String name, int points, String reason) {
}
