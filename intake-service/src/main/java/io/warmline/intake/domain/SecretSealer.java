package io.warmline.intake.domain;

import io.warmline.platform.domain.AesGcm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals vendor signing secrets at rest with AES-256-GCM. They cannot be hashed: verifying an HMAC needs the secret
 * itself, so the database holds only ciphertext and the key lives in the service's configuration.
 */
public final class SecretSealer {

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    public SecretSealer(String base64Key) {
        byte[] raw = Base64.getDecoder().decode(base64Key);
        if (raw.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("the secret key must be 32 bytes, base64-encoded");
        }
        this.key = raw;
    }

    /** A new vendor signing secret: {@code whsec_} and 32 random bytes in base64. */
    public String newSecret() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(raw);
    }

    public String seal(String secret) {
        return Base64.getEncoder().encodeToString(AesGcm.seal(key, secret.getBytes(StandardCharsets.UTF_8), null));
    }

    public String unseal(String sealed) {
        try {
            return new String(AesGcm.open(key, Base64.getDecoder().decode(sealed), null), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unseal a vendor secret: wrong key?", e);
        }
    }
}
