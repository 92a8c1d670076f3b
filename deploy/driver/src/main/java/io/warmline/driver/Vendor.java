package io.warmline.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A lead vendor as the README's walkthrough has one: registered by an operator (the answer shows its signing secret
 * once), then posting leads signed with {@link WebhookSigner}, each delivery with its own webhook id.
 */
public final class Vendor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Stack stack;
    private final String id;
    private final String secret;
    private final WebhookSigner signer;

    private Vendor(Stack stack, String id, String secret) {
        this.stack = stack;
        this.id = id;
        this.secret = secret;
        this.signer = new WebhookSigner(secret);
    }

    /**
     * The same vendor (id and signing secret) posting to another intake instance, as its deliveries reach one replica
     * or another behind a load balancer.
     */
    public Vendor via(String intakeUrl) {
        return new Vendor(stack.withIntake(intakeUrl), id, secret);
    }

    /** Registers the vendor with an operator's token; the id must be new. */
    public static Vendor register(Stack stack, String id, String name) {
        String body = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"defaultRegion\":\"GB\"}";
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(stack.intake() + "/vendors"))
                .header("Authorization", "Bearer " + stack.tokens().operator())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201);
        return new Vendor(stack, id, answer.path("secret").asText());
    }

    public String id() {
        return id;
    }

    /** Posts a lead (the webhook's JSON body), signed now; answers the lead id intake gave it (202, a new lead). */
    public String post(String lead) {
        String messageId = "msg-" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        return send(HttpRequest.newBuilder(URI.create(stack.intake() + "/vendors/" + id + "/leads"))
                .header("Content-Type", "application/json")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(messageId, timestamp, lead))
                .POST(HttpRequest.BodyPublishers.ofString(lead)).build(), 202).path("leadId").asText();
    }

    /**
     * Registers the vendor with an operator's token and its own rate limit (requests per minute); the id must be new.
     */
    public static Vendor register(Stack stack, String id, String name, int requestsPerMinute) {
        String body = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"defaultRegion\":\"GB\","
                + "\"requestsPerMinute\":" + requestsPerMinute + "}";
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(stack.intake() + "/vendors"))
                .header("Authorization", "Bearer " + stack.tokens().operator())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201);
        return new Vendor(stack, id, answer.path("secret").asText());
    }

    /** What intake answered one delivery: its status, its Retry-After header if any, and its body. */
    public record Answer(int status, Optional<String> retryAfter, String body) {
    }

    /**
     * One delivery of a lead as a vendor's webhook client sends it, with the webhook id the caller chose (a retry
     * or a duplicate delivery reuses it), signed now. Answers whatever intake answered; throws IOException when no
     * answer came within {@code timeout} or intake could not be reached.
     */
    public Answer deliver(HttpClient http, String webhookId, String lead, Duration timeout)
            throws IOException, InterruptedException {
        long timestamp = Instant.now().getEpochSecond();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.intake() + "/vendors/" + id + "/leads"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(webhookId, timestamp, lead))
                .POST(HttpRequest.BodyPublishers.ofString(lead)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
    }

    private static JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                // The answer is problem details (no personal data in them): say what was refused.
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
