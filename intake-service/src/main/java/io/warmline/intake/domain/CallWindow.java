package io.warmline.intake.domain;

import java.time.Instant;
import java.time.ZoneId;

/**
 * When the prospect asked to be called: the rep should ring between {@code from} and {@code to}. {@code timeZone}
 * is the prospect's: as the vendor gave it, or derived from the phone number, or else the offset the vendor wrote
 * the window in; it says what "18:00" means for the window's next occasions and how people read it.
 */
public record CallWindow(Instant from, Instant to, ZoneId timeZone) {
}
