package io.warmline.intake.rest;

import io.restassured.response.ValidatableResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Posts a lead the way the README tells a vendor to: HMAC-SHA256 with the base64-decoded secret after
 * {@code whsec_}, over {@code webhook-id.webhook-timestamp.body}. Written from the docs, not from the service's code.
 */
final class SignedLead {

    private SignedLead() {
    }

    static String sign(String secret, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse post(String vendorId, String secret, String body) {
        return post(vendorId, secret, "msg_" + UUID.randomUUID(), System.currentTimeMillis() / 1000, body);
    }

    static ValidatableResponse post(String vendorId, String secret, String messageId, long timestamp, String body) {
        return given().contentType("application/json")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", sign(secret, messageId, timestamp, body))
                .body(body)
                .post("/vendors/{vendor}/leads", vendorId)
                .then();
    }

    static String lead(String vendorLeadId) {
        return """
                {"vendorLeadId":"%s","name":"Sam Taylor","phone":"07911 123456","email":"sam@example.com",
                 "interest":"solar panels","notes":"South-facing roof, wants a quote",
                 "signal":{"type":"callback_agreed","occurredAt":"%s"}}"""
                .formatted(vendorLeadId, java.time.Instant.now().minusSeconds(600));
    }
}
