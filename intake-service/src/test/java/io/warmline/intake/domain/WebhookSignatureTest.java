package io.warmline.intake.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookSignatureTest {

    // The worked example in README.md ("Signing a request"): vendors check their code against it.
    static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String MESSAGE_ID = "msg_2Nd8sQ1bR4";
    static final long TIMESTAMP = 1795442400L;
    static final byte[] BODY = ("{\"vendorLeadId\":\"L-1001\",\"name\":\"Sam Taylor\",\"phone\":\"07911 123456\","
            + "\"signal\":{\"type\":\"callback_agreed\",\"occurredAt\":\"2026-11-23T13:50:00Z\"}}")
            .getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,xsfYXYaOQSmMhajn1T3s4kAOHtGIHrzHeLh6KqsgGdA=";
    static final Instant SENT = Instant.ofEpochSecond(TIMESTAMP);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signsTheDocumentedExampleAsDocumented() {
        assertEquals(EXPECTED, WebhookSignature.sign(SECRET, MESSAGE_ID, TIMESTAMP, BODY));
    }

    @Test
    void acceptsTheDocumentedSignature() {
        assertEquals(WebhookSignature.Verdict.VALID, verify(List.of(SECRET), EXPECTED, SENT.plusSeconds(299)));
    }

    @Test
    void acceptsAnyOfSeveralSignaturesDuringRotation() {
        String header = "v1,c29tZXRoaW5nIGVsc2U= " + EXPECTED;
        assertEquals(WebhookSignature.Verdict.VALID, verify(List.of(SECRET), header, SENT));
    }

    @Test
    void acceptsEitherSecretWhileTwoAreValid() {
        String newer = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(WebhookSignature.Verdict.VALID, verify(List.of(newer, SECRET), EXPECTED, SENT));
    }

    @Test
    void refusesASignatureOverAnotherBody() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("Sam", "Max").getBytes(StandardCharsets.UTF_8);
        assertEquals(WebhookSignature.Verdict.MISMATCH, WebhookSignature.verify(List.of(SECRET), MESSAGE_ID,
                Long.toString(TIMESTAMP), EXPECTED, tampered, SENT, TOLERANCE));
    }

    @Test
    void refusesTimestampsOutsideTheTolerance() {
        assertEquals(WebhookSignature.Verdict.STALE_TIMESTAMP, verify(List.of(SECRET), EXPECTED, SENT.plusSeconds(301)));
        assertEquals(WebhookSignature.Verdict.FUTURE_TIMESTAMP, verify(List.of(SECRET), EXPECTED, SENT.minusSeconds(301)));
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        assertEquals(WebhookSignature.Verdict.MISSING, WebhookSignature.verify(List.of(SECRET), MESSAGE_ID,
                Long.toString(TIMESTAMP), " ", BODY, SENT, TOLERANCE));
        assertEquals(WebhookSignature.Verdict.MALFORMED_TIMESTAMP, WebhookSignature.verify(List.of(SECRET), MESSAGE_ID,
                "yesterday", EXPECTED, BODY, SENT, TOLERANCE));
        assertEquals(WebhookSignature.Verdict.MISMATCH, verify(List.of(SECRET), "v1,not-base64!!", SENT));
    }

    private static WebhookSignature.Verdict verify(List<String> secrets, String header, Instant now) {
        return WebhookSignature.verify(secrets, MESSAGE_ID, Long.toString(TIMESTAMP), header, BODY, now, TOLERANCE);
    }
}
