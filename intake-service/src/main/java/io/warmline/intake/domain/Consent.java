package io.warmline.intake.domain;

import java.time.Instant;

/**
 * The prospect's consent to be contacted, as the vendor recorded it. Intake passes it on and refuses nothing for
 * it: whether a lead without consent may be called is the routing policy's decision, not the vendor's payload's.
 */
public record Consent(boolean granted, Instant recordedAt, String method) {
}
