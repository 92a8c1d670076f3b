package io.warmline.notification.service;

import io.warmline.notification.testing.NotificationDatabase;
import io.warmline.platform.testing.Replica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance 2: two notification-service instances (the packaged jar, as separate processes) on the real database
 * and broker. 1,000 timers due within a few seconds fire exactly once in total and none early; then one instance is
 * killed while timers are due and the survivor fires them. Timers are callbacks (a reminder to a rep), written
 * straight into the table as the consumers would.
 */
class TwoInstancesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final List<Replica> instances = new ArrayList<>();
    private final String rep = "rep-it-" + UUID.randomUUID();

    @AfterEach
    void stopInstances() throws InterruptedException {
        for (Replica replica : instances) {
            replica.kill();
        }
    }

    @Test
    void timersFireOnceAcrossInstancesAndASurvivorTakesOver() throws Exception {
        Replica first = start("timers-a");
        Replica second = start("timers-b");
        try (Connection db = NotificationDatabase.connect()) {
            Instant base = Instant.now().plusSeconds(2);
            schedule(db, 1000, base, Duration.ofSeconds(3));
            awaitFired(db, 1000);
            assertOnceAndNeverEarly(db, 1000);
            assertEquals(2, count(db, "SELECT count(DISTINCT fired_by) FROM notification.escalation_timer "
                    + "WHERE rep_id = ?"), "both instances took part");

            Instant due = Instant.now().plusSeconds(1);
            schedule(db, 200, due, Duration.ofMillis(500));
            while (Instant.now().isBefore(due.plusMillis(200))) {
                Thread.sleep(50);
            }
            first.kill();
            awaitFired(db, 1200);
            assertOnceAndNeverEarly(db, 1200);
            assertTrue(second.isAlive());
        }
    }

    private void schedule(Connection db, int count, Instant from, Duration spread) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO notification.escalation_timer
                       (lead_id, assignment_number, rep_id, kind, step, target, message, due_at, state)
                VALUES (?, 0, ?, 'CALLBACK', 0, 'rep', 'Scheduled callback is due now', ?, 'pending')""")) {
            for (int i = 0; i < count; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, rep);
                insert.setTimestamp(3, Timestamp.from(from.plusMillis(spread.toMillis() * i / count)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void awaitFired(Connection db, int expected) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (count(db, "SELECT count(*) FROM notification.escalation_timer WHERE rep_id = ? AND state = 'fired'")
                < expected) {
            assertTrue(Instant.now().isBefore(deadline), "timers not fired in time");
            Thread.sleep(200);
        }
    }

    /** Each timer caused exactly one delivery and one ReminderSent (never twice), and fired at or after due_at. */
    private void assertOnceAndNeverEarly(Connection db, int expected) throws Exception {
        assertEquals(0, count(db, "SELECT count(*) FROM notification.escalation_timer WHERE rep_id = ? "
                + "AND fired_at < due_at"), "a timer fired early");
        assertEquals(expected, count(db, "SELECT count(*) FROM notification.delivery d JOIN "
                + "notification.escalation_timer t ON d.timer_id = t.id WHERE t.rep_id = ? AND d.channel = 'sse'"));
        assertEquals(0, count(db, "SELECT count(*) FROM (SELECT d.timer_id FROM notification.delivery d JOIN "
                + "notification.escalation_timer t ON d.timer_id = t.id WHERE t.rep_id = ? AND d.channel = 'sse' "
                + "GROUP BY d.timer_id HAVING count(*) > 1) twice"));
    }

    private long count(Connection db, String sql) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, rep);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private Replica start(String name) throws Exception {
        // The public key the unit tests generated (TestInfrastructure); tokens are not used here, the key is required.
        Replica replica = Replica.start(name, Path.of("target", "test-jwt", "public.pem").toAbsolutePath().toUri()
                .toString());
        instances.add(replica);
        replica.awaitReady(PATIENCE);
        return replica;
    }

}
