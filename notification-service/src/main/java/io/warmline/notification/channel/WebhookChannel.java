package io.warmline.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.notification.domain.Notice;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A team channel's incoming webhook. The body is {@code {"text": ...}}, which Slack and Teams incoming webhooks both
 * accept. Headers {@code webhook-id} (the delivery id, the same on every attempt) and {@code webhook-timestamp}; with
 * a secret configured, {@code webhook-signature} per Standard Webhooks ({@link StandardWebhookSigner}), as vendors
 * sign leads to us, so the receiver can refuse forgeries and replays and drop repeats.
 */
@Startup
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Optional<StandardWebhookSigner> signer;
    private final Clock clock;

    /** A secret that is not {@code whsec_} + base64 stops the service at start, saying so. */
    WebhookChannel(ObjectMapper json, EscalationConfig config, Clock clock) {
        this.json = json;
        this.signer = config.webhook().secret().map(StandardWebhookSigner::of);
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
        signer.ifPresent(signing -> request.header("webhook-signature", signing.sign(id, timestamp, body)));
        return HttpReplies.send(http, request.build(), "webhook")
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new ChannelFailure("webhook answered " + response.statusCode(),
                                response.statusCode() / 100 == 4 && response.statusCode() != 429);
                    }
                })
                .replaceWithVoid();
    }
}
