package io.warmline.intake.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SigningSecretsTest {

    static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");
    static final Duration DAY = Duration.ofHours(24);

    @Test
    void aNewVendorHasOneSecret() {
        assertEquals(List.of("a"), SigningSecrets.of("a").validAt(NOW));
    }

    @Test
    void theReplacedSecretStaysValidUntilTheGracePeriodEnds() {
        SigningSecrets rotated = SigningSecrets.of("a").rotate("b", NOW, DAY);
        assertEquals(List.of("b", "a"), rotated.validAt(NOW));
        assertEquals(List.of("b", "a"), rotated.validAt(NOW.plus(DAY).minusMillis(1)));
        assertEquals(List.of("b"), rotated.validAt(NOW.plus(DAY)));
    }

    @Test
    void aZeroGracePeriodRevokesTheReplacedSecretAtOnce() {
        assertEquals(List.of("b"), SigningSecrets.of("a").rotate("b", NOW, Duration.ZERO).validAt(NOW));
    }

    @Test
    void aSecondRotationKeepsOnlyTheSecretItReplaced() {
        SigningSecrets twice = SigningSecrets.of("a").rotate("b", NOW, DAY).rotate("c", NOW.plusSeconds(60), DAY);
        assertEquals(List.of("c", "b"), twice.validAt(NOW.plusSeconds(60)));
        assertEquals(NOW.plusSeconds(60).plus(DAY), twice.previousValidUntil());
    }
}
