package io.warmline.scoring.domain;

import java.time.Instant;

/** One thing the lead did that shows intent, and when. */
public record Signal(String type, Instant occurredAt) {
}
