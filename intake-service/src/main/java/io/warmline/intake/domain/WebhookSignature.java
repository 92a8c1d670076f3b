package io.warmline.intake.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The webhook signing scheme vendors implement (the Svix/Standard Webhooks style): HMAC-SHA256, keyed with the
 * base64-decoded part of the vendor secret after {@code whsec_}, over {@code messageId + "." + timestamp + "." + body},
 * sent base64-encoded as {@code v1,<signature>}; several space-separated signatures may share the header while a
 * secret is being rotated.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1,";

    private WebhookSignature() {
    }

    public enum Verdict { VALID, MISSING, MALFORMED_TIMESTAMP, STALE_TIMESTAMP, FUTURE_TIMESTAMP, MISMATCH }

    public static String sign(String secret, String messageId, long timestamp, byte[] body) {
        return VERSION + Base64.getEncoder().encodeToString(mac(secret, messageId, timestamp, body));
    }

    /** Checks the headers against every secret the vendor currently holds (two while one is being rotated). */
    public static Verdict verify(List<String> secrets, String messageId, String timestamp, String signatureHeader,
                                 byte[] body, Instant now, Duration tolerance) {
        if (blank(messageId) || blank(timestamp) || blank(signatureHeader)) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED_TIMESTAMP;
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        if (sent.isBefore(now.minus(tolerance))) {
            return Verdict.STALE_TIMESTAMP;
        }
        if (sent.isAfter(now.plus(tolerance))) {
            return Verdict.FUTURE_TIMESTAMP;
        }
        for (String secret : secrets) {
            byte[] expected = mac(secret, messageId, seconds, body);
            for (String candidate : signatureHeader.trim().split("\\s+")) {
                if (candidate.startsWith(VERSION) && MessageDigest.isEqual(expected, decode(candidate.substring(3)))) {
                    return Verdict.VALID;
                }
            }
        }
        return Verdict.MISMATCH;
    }

    private static byte[] mac(String secret, String messageId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
