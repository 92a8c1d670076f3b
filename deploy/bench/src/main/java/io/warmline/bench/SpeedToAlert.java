package io.warmline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmline.driver.AlertStream;
import io.warmline.driver.Contacts;
import io.warmline.driver.Stack;
import io.warmline.driver.StaffCalls;
import io.warmline.driver.WebhookSigner;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Speed to alert, end to end: vendors post signed leads at a constant rate; simulated reps hold their alert
 * streams open; each lead's latency runs from the moment its webhook was due to the moment its alert arrived on
 * the rep's stream. Each lead carries its sequence number in its notes, which the alert repeats.
 */
final class SpeedToAlert implements AutoCloseable {

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final List<String[]> vendors = new ArrayList<>(); // id, secret
    private final List<AlertStream> streams = new ArrayList<>();
    private final Map<String, String> repTokens = new ConcurrentHashMap<>();
    private final AtomicLong followUpsFailed = new AtomicLong();
    private final Map<Long, Long> dueBySequence = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Consumer<String> progress;
    private volatile Histogram current = Percentiles.histogram();
    private final AtomicLong alerted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SpeedToAlert(Stack stack, int vendorCount, int repCount, int repCapacity, Consumer<String> progress) throws Exception {
        this.stack = stack;
        this.progress = progress;
        String operator = stack.tokens().operator();
        for (int v = 0; v < vendorCount; v++) {
            String id = "bench-" + run + "-v" + v;
            JsonNode created = call("POST", stack.intake() + "/vendors", operator,
                    "{\"id\":\"" + id + "\",\"name\":\"Bench vendor " + v + "\",\"defaultRegion\":\"GB\"}");
            vendors.add(new String[]{id, created.path("secret").asText()});
        }
        for (int r = 0; r < repCount; r++) {
            String rep = "bench-" + run + "-r" + r;
            call("PUT", stack.routing() + "/reps/" + rep, operator,
                    "{\"name\":\"Bench rep " + r + "\",\"capacity\":" + repCapacity + "}");
            repTokens.put(rep, stack.tokens().rep(rep));
            streams.add(new AlertStream(stack, rep, this::arrived));
            call("PUT", stack.routing() + "/reps/" + rep + "/presence", stack.tokens().rep(rep),
                    "{\"status\":\"available\"}");
        }
        progress.accept("set up " + vendorCount + " vendors and " + repCount + " reps with open alert streams");
    }

    record Step(int rate, int seconds, long sent, long refused, long failed, long alerted, long missing,
                Percentiles latency) {
    }

    Step run(int rate, int seconds, long drainMillis) throws InterruptedException {
        current = Percentiles.histogram();
        alerted.set(0);
        refused.set(0);
        failed.set(0);
        long first = sequence.get();
        long sent = OpenLoop.run(rate, seconds, this::post);
        long deadline = System.currentTimeMillis() + drainMillis;
        long accepted;
        do {
            Thread.sleep(200);
            accepted = sent - refused.get() - failed.get();
        } while (alerted.get() < accepted && System.currentTimeMillis() < deadline);
        for (long s = first; s < first + sent; s++) {
            dueBySequence.remove(s);
        }
        return new Step(rate, seconds, sent, refused.get(), failed.get(), alerted.get(),
                Math.max(0, accepted - alerted.get()), Percentiles.of(current));
    }

    private void post(long due) {
        long seq = sequence.getAndIncrement();
        String[] vendor = vendors.get((int) (seq % vendors.size()));
        String body = "{\"vendorLeadId\":\"" + run + "-" + seq + "\",\"name\":\"Sam Taylor\",\"phone\":\""
                + Contacts.ukMobile() + "\",\"email\":\"" + Contacts.email() + "\",\"interest\":\"solar panels\","
                + "\"notes\":\"bench " + seq + "\",\"consent\":{\"granted\":true},"
                + "\"signal\":{\"type\":\"callback_agreed\",\"occurredAt\":\"" + Instant.now().minusSeconds(300) + "\"}}";
        String messageId = "msg-" + run + "-" + seq;
        long timestamp = Instant.now().getEpochSecond();
        dueBySequence.put(seq, due);
        http.sendAsync(HttpRequest.newBuilder(URI.create(stack.intake() + "/vendors/" + vendor[0] + "/leads"))
                                .header("Content-Type", "application/json")
                                .header("webhook-id", messageId)
                                .header("webhook-timestamp", Long.toString(timestamp))
                                .header("webhook-signature", new WebhookSigner(vendor[1]).sign(messageId, timestamp, body))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        failed.incrementAndGet();
                    } else if (response.statusCode() >= 300) {
                        refused.incrementAndGet();
                    }
                });
    }

    private void arrived(JsonNode alert, long arrivedAt) {
        String notes = alert.path("notes").asText("");
        if (!notes.startsWith("bench ")) {
            return;
        }
        Long due = dueBySequence.get(Long.parseLong(notes.substring(6)));
        if (due != null) {
            current.recordValue(Math.max(0, (arrivedAt - due) / 1000));
            alerted.incrementAndGet();
            followUp(alert.path("leadId").asText(), alert.path("repId").asText());
        }
    }

    /** The rep calls at once and logs it (connected, a proposal next week), which frees their capacity. */
    private void followUp(String leadId, String repId) {
        String body = "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\""
                + Instant.now().plusSeconds(7 * 86_400) + "\"}}";
        http.sendAsync(HttpRequest.newBuilder(URI.create(stack.routing() + "/leads/" + leadId + "/follow-ups"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + repTokens.get(repId))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() >= 300) {
                        followUpsFailed.incrementAndGet();
                    }
                });
    }

    long followUpsFailed() {
        return followUpsFailed.get();
    }

    /** The prefix of this run's vendor ids, to find its leads afterwards. */
    String vendorPrefix() {
        return "bench-" + run + "-";
    }

    /** A typical lead body, for the floors' message size. */
    static String sampleBody() {
        return "{\"vendorLeadId\":\"L-0000000000\",\"name\":\"Sam Taylor\",\"phone\":\"07911 123456\","
                + "\"email\":\"sam@example.com\",\"interest\":\"solar panels\",\"notes\":\"bench 0\","
                + "\"consent\":{\"granted\":true},"
                + "\"signal\":{\"type\":\"callback_agreed\",\"occurredAt\":\"2026-11-23T13:50:00Z\"}}";
    }

    private JsonNode call(String method, String url, String token, String body) throws Exception {
        return json.readTree(StaffCalls.call(http, method, url, token, body));
    }

    @Override
    public void close() {
        streams.forEach(AlertStream::close);
    }
}
