package io.warmline.platform.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A lead's personal data in events: the fields sealed together under the lead's own data key (crypto-shredding).
 * Kafka topics and their dead-letter copies cannot be edited, so erasure destroys the key instead and every copy
 * becomes unreadable. The envelope is versioned: {@code {"enc": "v1", "sealed": base64(nonce, AES-256-GCM
 * ciphertext and tag)}}, the lead id as associated data so a sealed block cannot be moved to another lead.
 */
public final class PersonalData {

    public static final String V1 = "v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PersonalData() {
    }

    /** The fields as a sealed envelope. */
    public static ObjectNode seal(ObjectNode fields, byte[] key, UUID leadId) {
        try {
            byte[] sealed = AesGcm.seal(key, JSON.writeValueAsBytes(fields), associated(leadId));
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("enc", V1);
            envelope.put("sealed", Base64.getEncoder().encodeToString(sealed));
            return envelope;
        } catch (IOException e) {
            throw new IllegalStateException("personal data is not JSON", e);
        }
    }

    /** True for an envelope this class can open (given the key). */
    public static boolean isSealed(JsonNode node) {
        return node != null && node.isObject() && V1.equals(node.path("enc").asText(null))
                && node.path("sealed").isTextual();
    }

    /**
     * The fields, or empty when there is nothing to open: no envelope, no key (the lead was erased), or a key that
     * is not this envelope's.
     */
    public static Optional<ObjectNode> open(JsonNode envelope, byte[] key, UUID leadId) {
        if (key == null || !isSealed(envelope)) {
            return Optional.empty();
        }
        try {
            byte[] plain = AesGcm.open(key, Base64.getDecoder().decode(envelope.path("sealed").asText()),
                    associated(leadId));
            JsonNode fields = JSON.readTree(plain);
            return fields.isObject() ? Optional.of((ObjectNode) fields) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] associated(UUID leadId) {
        return ByteBuffer.allocate(16).putLong(leadId.getMostSignificantBits())
                .putLong(leadId.getLeastSignificantBits()).array();
    }
}
