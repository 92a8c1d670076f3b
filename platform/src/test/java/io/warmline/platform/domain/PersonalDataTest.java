package io.warmline.platform.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataTest {

    private final ObjectMapper json = new ObjectMapper();
    private final UUID lead = UUID.randomUUID();

    private ObjectNode contact() {
        return json.createObjectNode().put("name", "Sam Taylor").put("phone", "+447911123456")
                .put("email", "sam@example.com");
    }

    @Test
    void opensWithTheLeadsKeyAndShowsNothingInTheEnvelope() {
        byte[] key = AesGcm.newKey();
        ObjectNode sealed = PersonalData.seal(contact(), key, lead);

        assertTrue(PersonalData.isSealed(sealed));
        assertEquals("v1", sealed.path("enc").asText());
        assertFalse(sealed.toString().contains("7911"), sealed.toString());
        assertFalse(sealed.toString().contains("sam@"), sealed.toString());
        assertEquals(contact(), PersonalData.open(sealed, key, lead).orElseThrow());
    }

    @Test
    void unreadableWithoutItsKeyWithAnotherKeyOrForAnotherLead() {
        byte[] key = AesGcm.newKey();
        ObjectNode sealed = PersonalData.seal(contact(), key, lead);

        assertTrue(PersonalData.open(sealed, null, lead).isEmpty(), "erased: no key");
        assertTrue(PersonalData.open(sealed, AesGcm.newKey(), lead).isEmpty(), "another lead's key");
        assertTrue(PersonalData.open(sealed, key, UUID.randomUUID()).isEmpty(), "moved to another lead");
    }

    @Test
    void aTamperedOrForeignEnvelopeOpensToNothing() {
        byte[] key = AesGcm.newKey();
        ObjectNode sealed = PersonalData.seal(contact(), key, lead);
        String text = sealed.path("sealed").asText();
        sealed.put("sealed", (text.charAt(0) == 'A' ? "B" : "A") + text.substring(1));

        assertTrue(PersonalData.open(sealed, key, lead).isEmpty());
        assertFalse(PersonalData.isSealed(contact()));
        assertFalse(PersonalData.isSealed(json.createObjectNode().put("enc", "v2").put("sealed", "x")));
    }
}
