package io.warmline.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmline.driver.AlertStream;
import io.warmline.driver.Stack;
import io.warmline.driver.StaffCalls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reps at work: each keeps their alert stream open (a new one when notification-service went away), and logs a
 * connected call with a proposal next week for each lead alerted to them, once, which frees their capacity.
 * A follow-up routing could not take (it was down) is tried again a few times.
 */
final class RepDesk implements AutoCloseable {

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AlertStream> streams = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> alertIds = new ConcurrentHashMap<>();
    private final Set<String> followedUp = ConcurrentHashMap.newKeySet();
    private final AtomicInteger followUpsFailed = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(8, r -> {
        Thread t = new Thread(r, "rep-desk");
        t.setDaemon(true);
        return t;
    });

    RepDesk(Stack stack, String run, int reps, int capacity) throws Exception {
        this.stack = stack;
        String operator = stack.tokens().operator();
        for (int r = 0; r < reps; r++) {
            String rep = run + "-r" + r;
            call("PUT", stack.routing() + "/reps/" + rep, operator,
                    "{\"name\":\"Faults rep " + r + "\",\"capacity\":" + capacity + "}");
            tokens.put(rep, stack.tokens().rep(rep));
            streams.put(rep, open(rep));
            call("PUT", stack.routing() + "/reps/" + rep + "/presence", tokens.get(rep), "{\"status\":\"available\"}");
        }
        pool.scheduleWithFixedDelay(this::reconnect, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Distinct alert ids seen on the streams per lead id. A stream opened anew (this client sends no Last-Event-ID)
     * replays the last 24 hours, so one alert may arrive several times, always with its own id.
     */
    Map<String, Integer> alertIdsSeen() {
        Map<String, Integer> seen = new java.util.HashMap<>();
        alertIds.forEach((lead, ids) -> seen.put(lead, ids.size()));
        return seen;
    }

    int followUps() {
        return followedUp.size();
    }

    int followUpsFailed() {
        return followUpsFailed.get();
    }

    int reconnects() {
        return reconnects.get();
    }

    private AlertStream open(String rep) {
        return new AlertStream(stack, rep, (alert, arrivedAt) -> arrived(rep, alert));
    }

    private void reconnect() {
        streams.replaceAll((rep, stream) -> {
            if (!stream.ended()) {
                return stream;
            }
            stream.close();
            reconnects.incrementAndGet();
            return open(rep);
        });
    }

    private void arrived(String rep, JsonNode alert) {
        String leadId = alert.path("leadId").asText();
        alertIds.computeIfAbsent(leadId, id -> ConcurrentHashMap.newKeySet()).add(alert.path("alertId").asLong());
        if (followedUp.add(leadId)) {
            pool.execute(() -> followUp(rep, leadId, 1));
        }
    }

    private void followUp(String rep, String leadId, int attempt) {
        String body = "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\""
                + Instant.now().plusSeconds(7 * 86_400) + "\"}}";
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(stack.routing() + "/leads/" + leadId + "/follow-ups"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens.get(rep))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            status = 0;
        }
        if (status == 0 || status >= 500) {
            if (attempt < 20) {
                pool.schedule(() -> followUp(rep, leadId, attempt + 1), 2, TimeUnit.SECONDS);
            } else {
                followUpsFailed.incrementAndGet();
            }
        } else if (status >= 300) {
            followUpsFailed.incrementAndGet();
        }
    }

    private void call(String method, String url, String token, String body) throws Exception {
        StaffCalls.call(http, method, url, token, body);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        streams.values().forEach(AlertStream::close);
    }
}
