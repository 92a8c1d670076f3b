package io.warmline.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.notification.domain.Notice;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A team channel's incoming webhook. The body is {@code {"text": ...}}, which Slack and Teams incoming webhooks both
 * accept. With a secret configured it is signed the way vendors sign leads to us (Standard Webhooks): headers
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>}, so the receiver can refuse forgeries and replays.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final EscalationConfig config;
    private final Clock clock;

    WebhookChannel(ObjectMapper json, EscalationConfig config, Clock clock) {
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return WEBHOOK;
    }

    @Override
    public Uni<Void> send(String url, Notice notice) {
        return send("msg_" + UUID.randomUUID(), url, notice);
    }

    /** The delivery id is the webhook id, the same on every attempt: the receiver can drop a repeat by it. */
    @Override
    public Uni<Void> send(long deliveryId, String url, Notice notice) {
        return send(Long.toString(deliveryId), url, notice);
    }

    private Uni<Void> send(String id, String url, Notice notice) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("text", notice.headline() + "\n" + notice.text()));
        } catch (Exception e) {
            return Uni.createFrom().failure(new ChannelFailure("unwritable payload", true));
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().failure(new ChannelFailure("no usable webhook URL", true));
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        request.header("webhook-id", id).header("webhook-timestamp", timestamp);
        config.webhook().secret().ifPresent(secret -> request.header("webhook-signature",
                "v1," + signature(secret, id + "." + timestamp + "." + body)));
        return HttpReplies.send(http, request.build(), "webhook")
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new ChannelFailure("webhook answered " + response.statusCode(),
                                response.statusCode() / 100 == 4 && response.statusCode() != 429);
                    }
                })
                .replaceWithVoid();
    }

    /** Base64 of HMAC-SHA256 over the signed content; the key is the secret's UTF-8 bytes. */
    public static String signature(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
