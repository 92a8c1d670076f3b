package io.warmline.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the four services' schemas hold, read as the stack's superuser (read-only queries, the one write being the
 * injected outbox row). Each call opens its own connection, so a query during a database outage simply fails.
 */
final class Databases {

    private final String url;

    Databases(String url) {
        this.url = url;
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(3);
        Connection connection = DriverManager.getConnection(url + "?connectTimeout=3&socketTimeout=30", "postgres", "");
        return connection;
    }

    /** Leads intake received in [from, to) from the run's vendors that are neither alerted nor queued yet. */
    int backlog(String vendorPrefix, long fromMillis, long toMillis) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("""
                SELECT count(*) FROM intake.lead l
                 WHERE l.vendor_id LIKE ? AND l.received_at >= ? AND l.received_at < ?
                   AND NOT EXISTS (SELECT 1 FROM notification.alert a WHERE a.lead_id = l.id)
                   AND NOT EXISTS (SELECT 1 FROM routing.waiting_lead w WHERE w.lead_id = l.id)""")) {
            q.setString(1, vendorPrefix + "%");
            q.setTimestamp(2, new Timestamp(fromMillis));
            q.setTimestamp(3, new Timestamp(toMillis));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every lead intake stored for the run's vendors, with how far it came, by vendor lead id. */
    Map<String, StoredLead> storedLeads(String vendorPrefix) throws SQLException {
        Map<String, StoredLead> leads = new HashMap<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("""
                SELECT l.vendor_lead_id, l.id::text,
                       EXISTS (SELECT 1 FROM scoring.lead_score s WHERE s.lead_id = l.id),
                       EXISTS (SELECT 1 FROM routing.routed_lead r WHERE r.lead_id = l.id),
                       (SELECT count(*) FROM routing.assignment a WHERE a.lead_id = l.id),
                       (SELECT count(*) FROM routing.assignment a WHERE a.lead_id = l.id AND a.status IN ('open', 'working')),
                       EXISTS (SELECT 1 FROM routing.waiting_lead w WHERE w.lead_id = l.id),
                       (SELECT count(*) FROM notification.alert n WHERE n.lead_id = l.id AND (""" + IS_ALERT + """
                       ))
                  FROM intake.lead l WHERE l.vendor_id LIKE ?""")) {
            q.setString(1, vendorPrefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    leads.put(rs.getString(1), new StoredLead(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            rs.getBoolean(4), rs.getInt(5), rs.getInt(6), rs.getBoolean(7), rs.getInt(8)));
                }
            }
        }
        return leads;
    }

    /** Timer steps of one assignment fired more than once, and notices of one step delivered more than once. */
    List<TimerStepFiredTwice> timerStepsTwice() throws SQLException {
        List<TimerStepFiredTwice> twice = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement fired = c.prepareStatement("""
                SELECT lead_id::text, assignment_number, kind, step, count(*) FROM notification.escalation_timer
                 WHERE fired_at IS NOT NULL GROUP BY lead_id, assignment_number, kind, step HAVING count(*) > 1""");
             PreparedStatement delivered = c.prepareStatement("""
                SELECT t.lead_id::text, t.assignment_number, t.kind || ' delivered by ' || d.channel, t.step, count(*)
                  FROM notification.delivery d JOIN notification.escalation_timer t ON t.id = d.timer_id
                 GROUP BY t.lead_id, t.assignment_number, t.kind, t.step, d.channel, d.recipient
                HAVING count(*) > 1""")) {
            for (PreparedStatement q : List.of(fired, delivered)) {
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        twice.add(new TimerStepFiredTwice(rs.getString(1), rs.getInt(2), rs.getString(3),
                                rs.getInt(4), rs.getInt(5)));
                    }
                }
            }
        }
        return twice;
    }

    /**
     * Reminders stored on a rep's stream (rows of {@code notification.alert} that are not the alert itself) more
     * than once for the same lead, rep and step (each step of the suite's policy has its own message): one timer
     * delivered twice on the live-stream channel, which the delivery rows alone would not show.
     */
    List<TimerStepFiredTwice> remindersStoredTwice() throws SQLException {
        List<TimerStepFiredTwice> twice = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("""
                SELECT lead_id::text, payload::jsonb ->> 'kind', payload::jsonb ->> 'message', count(*)
                  FROM notification.alert WHERE NOT (""" + IS_ALERT + """
                 ) GROUP BY lead_id, rep_id, payload::jsonb ->> 'kind', payload::jsonb ->> 'message'
                HAVING count(*) > 1""");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                twice.add(new TimerStepFiredTwice(rs.getString(1), 0, rs.getString(2) + " '" + rs.getString(3)
                        + "' stored on the rep's stream", 0, rs.getInt(4)));
            }
        }
        return twice;
    }

    /** Timer steps fired, by kind and step ("STEP 1: 480, ..."), and reminders stored on the reps' streams. */
    String timersFired() throws SQLException {
        StringBuilder fired = new StringBuilder();
        int total = 0;
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("""
                SELECT kind, step, count(*) FROM notification.escalation_timer WHERE fired_at IS NOT NULL
                 GROUP BY kind, step ORDER BY kind, step""");
             PreparedStatement reminders = c.prepareStatement(
                     "SELECT count(*) FROM notification.alert WHERE NOT (" + IS_ALERT + ")");
             PreparedStatement pending = c.prepareStatement("""
                SELECT count(*) FROM notification.escalation_timer WHERE state = 'pending' AND kind <> 'DEADLINE'
                   AND due_at < now()""")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    total += rs.getInt(3);
                    fired.append(fired.isEmpty() ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getInt(2))
                            .append(": ").append(rs.getInt(3));
                }
            }
            try (ResultSet rs = reminders.executeQuery(); ResultSet late = pending.executeQuery()) {
                rs.next();
                late.next();
                return total + " (" + (fired.isEmpty() ? "none" : fired) + "); reminders stored on the reps' streams: "
                        + rs.getInt(1) + "; steps due but not fired at the end: " + late.getInt(1);
            }
        }
    }

    /** When each alert (kind alert) was stored, by alert id, epoch milliseconds. */
    Map<Long, Long> alertsStoredAt() throws SQLException {
        Map<Long, Long> stored = new HashMap<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT id, created_at FROM notification.alert WHERE (" + IS_ALERT + ")");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                stored.put(rs.getLong(1), rs.getTimestamp(2).getTime());
            }
        }
        return stored;
    }

    /** A row of notification.alert that is the assignment's alert, not a reminder (alerts stored before kinds: null). */
    private static final String IS_ALERT = "coalesce(payload::jsonb ->> 'kind', 'alert') = 'alert'";

    /** Writes an event for a topic the broker does not have into routing-service's outbox, as a bug would. */
    void insertOutboxRowForMissingTopic(UUID eventId, String topic) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("""
                INSERT INTO routing.outbox_event (event_id, event_type, schema_version, topic, lead_id, occurred_at,
                                                  payload, record_key)
                VALUES (?, 'FaultSuiteProbe', 1, ?, NULL, now(), '{"probe":"fault suite"}', ?)""")) {
            q.setObject(1, eventId);
            q.setString(2, topic);
            q.setString(3, "fault-suite-" + eventId);
            q.executeUpdate();
        }
    }
}
