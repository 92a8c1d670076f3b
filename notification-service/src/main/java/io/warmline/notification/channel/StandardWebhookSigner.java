package io.warmline.notification.channel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs a webhook per Standard Webhooks, as vendors sign the leads they send us: the secret is {@code whsec_}
 * followed by base64, the key is the base64-decoded part, the signature {@code v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>}. Any Standard Webhooks or Svix verifier given the same secret accepts it.
 */
public final class StandardWebhookSigner {

    static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    private StandardWebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** @throws IllegalArgumentException when the secret is not {@code whsec_} and base64 (the message says so) */
    public static StandardWebhookSigner of(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() == PREFIX.length()) {
            throw new IllegalArgumentException("the team webhook secret must be whsec_ followed by base64 "
                    + "(e.g. of 32 random bytes), as Standard Webhooks secrets are");
        }
        try {
            return new StandardWebhookSigner(Base64.getDecoder().decode(secret.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the team webhook secret after whsec_ is not base64", e);
        }
    }

    /** The {@code webhook-signature} header's value. */
    public String sign(String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
