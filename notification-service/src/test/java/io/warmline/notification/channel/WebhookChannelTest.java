package io.warmline.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.testing.StandardWebhooksVerifier;
import io.warmline.notification.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The team channel's webhook: a Slack/Teams-style body under the delivery's id, signed per Standard Webhooks as an
 * independent verifier (the Standard Webhooks reference library) checks it; refusals fail.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class WebhookChannelTest {

    @Inject
    WebhookChannel channel;

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<Headers> headers = new AtomicReference<>();
    private final AtomicInteger answer = new AtomicInteger(200);

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            headers.set(exchange.getRequestHeaders());
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @ConfigProperty(name = "warmline.escalation.webhook.secret")
    String secret;

    @Test
    void theMessageArrivesSignedPerStandardWebhooksAsAnIndependentVerifierChecksIt() throws Exception {
        channel.send(41L, url(), notice()).await().atMost(Duration.ofSeconds(10));

        JsonNode text = new ObjectMapper().readTree(body.get());
        assertTrue(text.get("text").asText().startsWith("Escalation: a lead not called yet\nNot called after 30 min"));
        assertEquals("41", headers.get().getFirst("webhook-id"), "the delivery id: the same on every attempt");
        assertNull(StandardWebhooksVerifier.refusal(secret, body.get(), sent()), "the Standard Webhooks library");
    }

    @Test
    void aTamperedBodyOrAnotherSecretFailsTheIndependentVerifier() throws Exception {
        channel.send(42L, url(), notice()).await().atMost(Duration.ofSeconds(10));
        assertNotNull(StandardWebhooksVerifier.refusal(secret, body.get() + " ", sent()));
        assertNotNull(StandardWebhooksVerifier.refusal("whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                body.get(), sent()));
    }

    private Map<String, String> sent() {
        return Map.of("webhook-id", headers.get().getFirst("webhook-id"),
                "webhook-timestamp", headers.get().getFirst("webhook-timestamp"),
                "webhook-signature", headers.get().getFirst("webhook-signature"));
    }

    @Test
    void aSecretThatIsNotWhsecBase64IsRefusedSayingWhy() {
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> StandardWebhookSigner.of("test-webhook-secret"));
        assertTrue(plain.getMessage().contains("whsec_"), plain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StandardWebhookSigner.of("whsec_not base64!"));
    }

    @Test
    void aRefusalIsAPermanentFailureAndAnOverloadATransientOne() {
        answer.set(404);
        ChannelFailure gone = assertThrows(ChannelFailure.class,
                () -> channel.send(url(), notice()).await().atMost(Duration.ofSeconds(10)));
        assertTrue(gone.permanent);
        answer.set(503);
        ChannelFailure busy = assertThrows(ChannelFailure.class,
                () -> channel.send(url(), notice()).await().atMost(Duration.ofSeconds(10)));
        assertTrue(!busy.permanent);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private static Notice notice() {
        return new Notice(Notice.ESCALATION, UUID.randomUUID(), "rep-a", 3, "channel", "Not called after 30 min", null);
    }
}
