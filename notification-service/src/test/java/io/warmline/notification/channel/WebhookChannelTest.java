package io.warmline.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.testing.TestInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team channel's webhook: a Slack/Teams-style body, signed so the receiver can check it; refusals fail. */
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

    @Test
    void theMessageArrivesSignedOverIdTimestampAndBody() throws Exception {
        channel.send(url(), notice()).await().atMost(Duration.ofSeconds(10));

        JsonNode text = new ObjectMapper().readTree(body.get());
        assertTrue(text.get("text").asText().startsWith("Escalation: a lead not called yet\nNot called after 30 min"));
        String signed = headers.get().getFirst("webhook-id") + "." + headers.get().getFirst("webhook-timestamp")
                + "." + body.get();
        assertEquals("v1," + WebhookChannel.signature("test-webhook-secret", signed),
                headers.get().getFirst("webhook-signature"));
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
