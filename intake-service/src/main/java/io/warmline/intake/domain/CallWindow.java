package io.warmline.intake.domain;

import java.time.Instant;

/** When the prospect asked to be called: the rep should ring between {@code from} and {@code to}. */
public record CallWindow(Instant from, Instant to) {
}
