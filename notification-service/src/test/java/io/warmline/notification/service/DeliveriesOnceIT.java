package io.warmline.notification.service;

import com.sun.net.httpserver.HttpServer;
import io.warmline.notification.testing.NotificationDatabase;
import io.warmline.platform.testing.Replica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, point 3: two notification-service replicas (the packaged jar twice) dispatch the same pending team
 * webhook deliveries to a slow receiver. Each delivery is received exactly once, under its own delivery id as the
 * webhook id, and both replicas took part.
 */
class DeliveriesOnceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int DELIVERIES = 40;
    /** The receiver's slowness, the scenario (not a wait of the test): a batch takes a replica seconds to send. */
    private static final long RECEIVER_MILLIS = 250;
    private final List<Replica> replicas = new ArrayList<>();
    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    private final ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
    private HttpServer receiver;

    @AfterEach
    void stop() throws InterruptedException {
        for (Replica replica : replicas) {
            replica.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        receiverThreads.shutdownNow();
    }

    @Test
    void eachDeliveryIsReceivedOnceUnderItsOwnIdAcrossTwoReplicas() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(RECEIVER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String key = Path.of("target", "test-jwt", "public.pem").toAbsolutePath().toUri().toString();
        Replica first = Replica.start("deliveries-a", key);
        Replica second = Replica.start("deliveries-b", key);
        replicas.add(first);
        replicas.add(second);
        first.awaitReady(PATIENCE);
        second.awaitReady(PATIENCE);

        try (Connection db = NotificationDatabase.connect()) {
            List<String> ids = pending(db, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            await().atMost(PATIENCE).until(() -> delivered(db, ids) == DELIVERIES);

            Map<String, Long> times = received.stream().collect(Collectors.groupingBy(Function.identity(),
                    Collectors.counting()));
            assertEquals(ids.stream().sorted().toList(), times.keySet().stream().sorted().toList(),
                    "every delivery, under its own delivery id");
            assertEquals(List.of(), times.entrySet().stream().filter(entry -> entry.getValue() > 1).toList(),
                    "none received twice");
            assertTrue(sentBy(first) > 0 && sentBy(second) > 0, "both replicas sent some: " + sentBy(first) + " + "
                    + sentBy(second));
        }
    }

    /** Pending webhook deliveries, due now, as a fired team-channel step writes them. */
    private static List<String> pending(Connection db, String url) throws Exception {
        List<String> ids = new ArrayList<>();
        String notice = "{\"kind\":\"escalation\",\"leadId\":\"" + UUID.randomUUID() + "\",\"repId\":\"rep-it\","
                + "\"step\":3,\"target\":\"channel\",\"message\":\"Not called after 30 min\",\"alert\":null}";
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO notification.delivery (lead_id, channel, recipient, notice, next_attempt_at, created_at)
                VALUES (?, 'webhook', ?, ?, ?, ?) RETURNING id""")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < DELIVERIES; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, url);
                insert.setString(3, notice);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    ids.add(Long.toString(id.getLong(1)));
                }
            }
        }
        return ids;
    }

    private static long delivered(Connection db, List<String> ids) throws Exception {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM notification.delivery WHERE id = ANY(?) AND status = 'delivered'")) {
            query.setArray(1, db.createArrayOf("bigint", ids.stream().map(Long::valueOf).toArray()));
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /** The replica's own count of webhook deliveries it sent, from its metrics. */
    private static double sentBy(Replica replica) {
        String metrics = replica.send("GET", "/q/metrics", null, null).body();
        return metrics.lines().filter(line -> line.startsWith("warmline_deliveries_total{")
                        && line.contains("channel=\"webhook\"") && line.contains("result=\"delivered\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
