package io.warmline.intake.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A vendor's signing secrets: the current one and, for a grace period after a rotation, the one it replaced, so
 * the vendor can switch its senders over without a lead being refused. A second rotation within the grace period
 * drops the oldest: at most two secrets are ever valid.
 */
public record SigningSecrets(String current, String previous, Instant previousValidUntil) {

    public static SigningSecrets of(String secret) {
        return new SigningSecrets(secret, null, null);
    }

    /** The secrets a signature may be made with at {@code now}, the current one first. */
    public List<String> validAt(Instant now) {
        return previous != null && now.isBefore(previousValidUntil) ? List.of(current, previous) : List.of(current);
    }

    /** Never the secrets themselves: a record's default text would put them in any log that printed it. */
    @Override
    public String toString() {
        return "SigningSecrets[" + (previous == null ? "one secret" : "two secrets, the previous valid until "
                + previousValidUntil) + "]";
    }

    /** The secrets after replacing the current one; a grace period of zero revokes the old secret at once. */
    public SigningSecrets rotate(String replacement, Instant now, Duration grace) {
        return grace.isZero() ? of(replacement) : new SigningSecrets(replacement, current, now.plus(grace));
    }
}
