package io.warmline.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    static Path dir;
    static KeyPair pair;
    static Tokens tokens;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        Path pem = dir.resolve("private.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        tokens = new Tokens(pem, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void carriesWhatTheServicesCheck() throws Exception {
        String token = tokens.issue("team-lead", "alex", "north", Duration.ofHours(2));
        JsonNode claims = claims(token);
        assertEquals("warmline", claims.get("iss").asText());
        assertEquals("warmline", audience(claims));
        assertEquals("alex", claims.get("sub").asText());
        assertEquals("team-lead", claims.get("groups").get(0).asText());
        assertEquals("north", claims.get("team").asText());
        assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(NOW.plus(Duration.ofHours(2)).getEpochSecond(), claims.get("exp").asLong());
        assertTrue(verifies(token));
    }

    @Test
    void anIdWithQuotesStaysInsideItsClaim() throws Exception {
        String sneaky = "alex\",\"groups\":[\"operator\"],\"x\":\"";
        JsonNode claims = claims(tokens.issue("rep", sneaky, null, Duration.ofHours(1)));
        assertEquals(sneaky, claims.get("sub").asText());
        assertEquals(1, claims.get("groups").size());
        assertEquals("rep", claims.get("groups").get(0).asText());
        assertFalse(claims.has("x"));
        assertFalse(claims.has("team"));
    }

    @Test
    void refusesAnUnknownRole() {
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("admin", "alex", null));
    }

    private static JsonNode claims(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String audience(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        return aud.isArray() ? aud.get(0).asText() : aud.asText();
    }

    private static boolean verifies(String token) throws Exception {
        int dot = token.lastIndexOf('.');
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
    }
}
