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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reps at work: each keeps their alert stream open (a new one when notification-service went away), and logs a
 * connected call with a proposal next week for each lead alerted to them, once, which frees their capacity. Most
 * follow-ups are logged at once; a share of the leads is followed up late, when the lead's first reminder reaches
 * the stream (so escalation timers fire during the run), or after {@link #LATE_AT_THE_LATEST} if none came. A
 * follow-up routing could not take (it was down) is tried again a few times. With several notification instances,
 * the reps' streams are spread over them, and a stream that ended is opened on the next instance in turn, as behind
 * a load balancer.
 */
final class RepDesk implements AutoCloseable {

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** One lead in this many is followed up late, after its first reminder. */
    static final int LATE_ONE_IN = 3;
    static final Duration LATE_AT_THE_LATEST = Duration.ofSeconds(120);

    private final Map<String, AlertStream> streams = new ConcurrentHashMap<>();
    private final Map<String, Integer> streamAt = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> alertIds = new ConcurrentHashMap<>();
    private final Map<Long, Long> alertFirstSeen = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> reminderIds = new ConcurrentHashMap<>();
    private final Set<String> followedUp = ConcurrentHashMap.newKeySet();
    private final Set<String> awaitingReminder = ConcurrentHashMap.newKeySet();
    private final Set<String> moving = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lateFollowUps = new AtomicInteger();
    private final AtomicInteger lateWithoutReminder = new AtomicInteger();
    private final AtomicInteger followUpsFailed = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicLong alertsArrived = new AtomicLong();
    private volatile List<String> notifications;
    private volatile List<String> routings;
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(8, r -> {
        Thread t = new Thread(r, "rep-desk");
        t.setDaemon(true);
        return t;
    });

    RepDesk(Stack stack, String run, int reps, int capacity) throws Exception {
        this.stack = stack;
        this.notifications = List.of(stack.notification());
        this.routings = List.of(stack.routing());
        String operator = stack.tokens().operator();
        for (int r = 0; r < reps; r++) {
            String rep = run + "-r" + r;
            call("PUT", stack.routing() + "/reps/" + rep, operator,
                    "{\"name\":\"Faults rep " + r + "\",\"capacity\":" + capacity + "}");
            tokens.put(rep, stack.tokens().rep(rep));
            streamAt.put(rep, 0);
            streams.put(rep, open(rep));
            call("PUT", stack.routing() + "/reps/" + rep + "/presence", tokens.get(rep), "{\"status\":\"available\"}");
        }
        pool.scheduleWithFixedDelay(this::reconnect, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * From now on the reps' streams are spread over these notification instances: rep i's stream moves to instance
     * i mod n at once (closed and opened there, as a rebalancing load balancer would), later reopenings go on in turn;
     * follow-ups go to these routing instances in turn (a retry to the next one).
     */
    void spreadOver(List<String> notificationUrls, List<String> routingUrls) {
        notifications = List.copyOf(notificationUrls);
        routings = List.copyOf(routingUrls);
        List<String> reps = streams.keySet().stream().sorted().toList();
        for (int i = 0; i < reps.size(); i++) {
            String rep = reps.get(i);
            int at = i % notificationUrls.size();
            if (!streamAt.get(rep).equals(at)) {
                streamAt.put(rep, at);
                moving.add(rep);
                streams.get(rep).close(); // the reconnect pass opens it on its new instance
            }
        }
    }

    /** The first time each alert id (of kind alert) reached a stream, epoch milliseconds. */
    Map<Long, Long> alertFirstSeen() {
        return Map.copyOf(alertFirstSeen);
    }

    /** Reminders seen on the streams (distinct ids), leads followed up late after one, and late without one. */
    String reminderFigures() {
        return reminderIds.values().stream().mapToInt(Set::size).sum() + " reminders seen on the reps' streams for "
                + reminderIds.size() + " leads; " + lateFollowUps.get() + " leads followed up late, after their first "
                + "reminder, " + lateWithoutReminder.get() + " after " + LATE_AT_THE_LATEST.toSeconds()
                + " s without one";
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
        List<String> members = notifications;
        String url = members.get(streamAt.get(rep) % members.size());
        return new AlertStream(stack.withNotification(url), rep, (alert, arrivedAt) -> arrived(rep, alert));
    }

    private void reconnect() {
        streams.replaceAll((rep, stream) -> {
            if (!stream.ended()) {
                return stream;
            }
            stream.close();
            reconnects.incrementAndGet();
            if (!moving.remove(rep)) {
                // Its instance went away or refused it: the next one in turn, as a load balancer would route it.
                streamAt.computeIfPresent(rep, (r, at) -> (at + 1) % notifications.size());
            }
            return open(rep);
        });
    }

    private void arrived(String rep, JsonNode alert) {
        String leadId = alert.path("leadId").asText();
        long alertId = alert.path("alertId").asLong();
        String kind = alert.path("kind").asText("alert");
        if (!"alert".equals(kind)) {
            // A reminder (or an escalation notice to the rep): a new stream event about a lead already alerted.
            reminderIds.computeIfAbsent(leadId, id -> ConcurrentHashMap.newKeySet()).add(alertId);
            if ("reminder".equals(kind) && awaitingReminder.remove(leadId)) {
                lateFollowUps.incrementAndGet();
                pool.execute(() -> followUp(rep, leadId, 1));
            }
            return;
        }
        alertFirstSeen.putIfAbsent(alertId, System.currentTimeMillis());
        alertIds.computeIfAbsent(leadId, id -> ConcurrentHashMap.newKeySet()).add(alertId);
        if (followedUp.add(leadId)) {
            if (alertsArrived.incrementAndGet() % LATE_ONE_IN == 0) {
                awaitingReminder.add(leadId);
                pool.schedule(() -> {
                    if (awaitingReminder.remove(leadId)) {
                        lateWithoutReminder.incrementAndGet();
                        followUp(rep, leadId, 1);
                    }
                }, LATE_AT_THE_LATEST.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                pool.execute(() -> followUp(rep, leadId, 1));
            }
        }
    }

    private void followUp(String rep, String leadId, int attempt) {
        String body = "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\""
                + Instant.now().plusSeconds(7 * 86_400) + "\"}}";
        List<String> members = routings;
        String routing = members.get((int) (((leadId.hashCode() & 0x7fffffffL) + attempt) % members.size()));
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(routing + "/leads/" + leadId + "/follow-ups"))
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
