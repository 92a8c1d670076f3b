package io.warmline.driver;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Signs a webhook as the README tells vendors to: HMAC-SHA256, keyed with the base64-decoded part of the secret
 * after {@code whsec_}, over {@code webhook-id.webhook-timestamp.body}, sent as {@code v1,<base64>}. Written from
 * the docs, not from intake-service's code, so a test with it checks the docs too.
 */
public final class WebhookSigner {

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        this.key = new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256");
    }

    public String sign(String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
