package io.warmline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable timers at scale: a million pending reminder and escalation timers in notification-service's table, then a
 * burst of them coming due within a few seconds while the rest wait. Measures how late the burst fires
 * ({@code fired_at - due_at}), that none fired early or twice, how long the burst took, and what the pending timers
 * cost: notification-service's resident memory and the table's size on disk.
 *
 * <p>The rows are written with COPY as notification's own role, shaped as the service schedules them: the far ones
 * as whole escalation policies (two reminders, team lead, operator, deadline) of leads assigned hours from now; the
 * burst as first reminders of leads whose current assignment and alert exist in notification's tables, so they fire
 * through the service's real path (claim, assignment, alert and rep read, an SSE delivery and a ReminderSent event
 * written, the delivery sent and the event published). A warm-up burst of the same shape goes first and is reported
 * apart. Everything this step wrote in notification's tables is deleted at the end.
 *
 * <p>Runs as the last step of {@link Benchmark}; {@link #main} runs it alone against any running stack:
 * {@code WARMLINE_PG_URL=jdbc:postgresql://127.0.0.1:55432/warmline KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:59092
 * WARMLINE_STACK_DIR=deploy/local/var/dev3 java -cp ... io.warmline.bench.Timers [pending] [burst]}.
 */
final class Timers {

    private static final String TIMER_COPY = "COPY notification.escalation_timer (lead_id, assignment_number, rep_id, "
            + "kind, step, target, message, due_at, state) FROM STDIN";
    /** The default policy's steps (V2 migration): offset in minutes, kind, step, target, message. */
    private static final Object[][] POLICY = {
            {10, "STEP", 1, "rep", "Reminder: call this lead now"},
            {20, "STEP", 2, "rep", "Second reminder: the lead is cooling"},
            {30, "STEP", 3, "team_lead", "Not called after 30 minutes"},
            {45, "STEP", 4, "operator", "Not called after 45 minutes"},
            {60, "DEADLINE", 0, null, "deadline lapsed"}};
    private static final int REPS = 20;
    private static final int COMMIT_ROWS = 50_000;

    /** What was asked: how many pending in all, how many of them in the burst, over which window, how soon. */
    record Plan(int pending, int burst, Duration window, Duration leadTime, Duration patience) {

        /** The burst comes due evenly over this window, starting this long after the last row is written. */
        static final Duration WINDOW = Duration.ofSeconds(5);
        static final Duration LEAD_TIME = Duration.ofSeconds(5);

        static Plan of(int pending, int burst) {
            return new Plan(pending, burst, WINDOW, LEAD_TIME, Duration.ofSeconds(90));
        }
    }

    /** What was measured; sizes in bytes, memory in MB, times in seconds. */
    record Result(Plan plan, Percentiles warmupLateness, long pendingAtBurst, double insertSeconds,
                  Percentiles lateness, long fired,
                  long firedEarly, long firedTwice, long firedWithoutDelivery, long cancelled, long notFired,
                  double burstSeconds, double firingPerSecond, long reminderEvents, long leadsEventTwice,
                  long delivered, double deliveredSeconds, double notificationCpuSeconds, double postgresCpuSeconds,
                  double rssBeforeMb, double rssPendingMb, double rssPeakMb, long tableBytes, long indexBytes,
                  long totalBytesBefore, long totalBytes, double cleanupSeconds, double stepSeconds) {

        /** p99 lateness at or below 1 s with a million pending, all fired, none early, none twice. */
        boolean goalMet() {
            return plan.pending() >= 1_000_000 && notFired == 0 && cancelled == 0 && firedEarly == 0
                    && firedTwice == 0 && leadsEventTwice == 0 && lateness.count() > 0 && lateness.p99() <= 1000;
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("pending_inserted", plan.pending());
            map.put("pending_at_burst", pendingAtBurst);
            map.put("burst", plan.burst());
            map.put("burst_window_s", plan.window().toMillis() / 1000.0);
            map.put("warmup_lateness_ms", warmupLateness);
            map.put("insert_s", round(insertSeconds));
            map.put("lateness_ms", lateness);
            map.put("fired", fired);
            map.put("fired_early", firedEarly);
            map.put("fired_twice", firedTwice);
            map.put("fired_without_delivery", firedWithoutDelivery);
            map.put("cancelled", cancelled);
            map.put("not_fired", notFired);
            map.put("burst_s", round(burstSeconds));
            map.put("firing_per_s", round(firingPerSecond));
            map.put("reminder_events", reminderEvents);
            map.put("leads_with_two_events", leadsEventTwice);
            map.put("delivered", delivered);
            map.put("delivered_s", round(deliveredSeconds));
            map.put("cpu_s_during_burst", Map.of("notification-service", round(notificationCpuSeconds),
                    "postgresql", round(postgresCpuSeconds)));
            map.put("notification_rss_mb", Map.of("before", round(rssBeforeMb), "pending", round(rssPendingMb),
                    "peak_during_burst", round(rssPeakMb)));
            map.put("table_bytes", Map.of("heap", tableBytes, "indexes", indexBytes, "total", totalBytes,
                    "total_before", totalBytesBefore));
            map.put("cleanup_s", round(cleanupSeconds));
            map.put("step_s", round(stepSeconds));
            map.put("goal_met", goalMet());
            return map;
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }

    private final String jdbcUrl;
    private final String kafka;
    private final Footprint footprint;
    private final String prefix = "bench-timers-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    private final ObjectMapper json = new ObjectMapper();

    Timers(String jdbcUrl, String kafka, Path stackDir) {
        this.jdbcUrl = jdbcUrl;
        this.kafka = kafka;
        this.footprint = new Footprint(stackDir);
    }

    public static void main(String[] args) throws Exception {
        int pending = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Timers timers = new Timers(System.getenv("WARMLINE_PG_URL"), System.getenv("KAFKA_BOOTSTRAP_SERVERS"),
                Path.of(System.getenv("WARMLINE_STACK_DIR")));
        Result result = timers.run(Plan.of(pending, burst));
        System.out.println(Benchmark.json().writeValueAsString(result.asMap()));
    }

    Result run(Plan plan) throws Exception {
        if (plan.burst() <= 0 || plan.burst() > plan.pending()) {
            throw new IllegalArgumentException("the burst must be part of the pending timers");
        }
        long stepStarted = System.nanoTime();
        try (Connection db = connect()) {
            cleanUp(db, "bench-timers-"); // whatever an interrupted run left behind
            List<String> reps = reps(db);
            Percentiles warmup = warmUp(db, reps, plan);
            double rssBefore = rssMb();
            long totalBefore = single(db, "SELECT pg_total_relation_size('notification.escalation_timer')");
            long pendingBefore = single(db, "SELECT count(*) FROM notification.escalation_timer WHERE state = 'pending'");
            List<UUID> burstLeads = assignments(db, reps, plan.burst());

            long started = System.nanoTime();
            farTimers(db, reps, plan.pending() - plan.burst());
            Benchmark.say(String.format("  %,d far timers written in %.1f s", plan.pending() - plan.burst(),
                    (System.nanoTime() - started) / 1e9));
            try (ReminderEvents events = new ReminderEvents(kafka, burstLeads)) {
                // The burst is written last, so its rows have the highest ids: found again through the primary key.
                long burstAfterId = single(db, "SELECT coalesce(max(id), 0) FROM notification.escalation_timer");
                Instant firstDue = Instant.now().plus(plan.leadTime());
                burstTimers(db, burstLeads, reps, firstDue, plan.window());
                double insertSeconds = (System.nanoTime() - started) / 1e9;
                Instant lastDue = firstDue.plus(plan.window());
                long heap = single(db, "SELECT pg_relation_size('notification.escalation_timer')");
                long indexes = single(db, "SELECT pg_indexes_size('notification.escalation_timer')");
                long total = single(db, "SELECT pg_total_relation_size('notification.escalation_timer')");
                double rssPending = rssMb();
                Benchmark.say(String.format("  %,d pending; table %d MB + indexes %d MB; burst of %,d due from %s over %d s",
                        pendingBefore + plan.pending(), heap >> 20, indexes >> 20, plan.burst(), firstDue,
                        plan.window().toSeconds()));

                Map<String, Footprint.Sample> cpuBefore = footprint.sample();
                double rssPeak = awaitBurst(db, burstAfterId, lastDue.plus(plan.patience()));
                Map<String, Footprint.Sample> cpuAfter = footprint.sample();
                Burst burst = burst(db, burstAfterId);
                Map<Long, Long> perTimer = deliveriesPerTimer(db, burstLeads);
                long firedTwice = burst.firedIds().stream().filter(id -> perTimer.getOrDefault(id, 0L) > 1).count();
                long withoutDelivery = burst.firedIds().stream().filter(id -> !perTimer.containsKey(id)).count();
                events.await(burst.firedIds().size(), Duration.ofSeconds(30));
                Delivered delivered = awaitDeliveries(db, burstLeads, Instant.now().plus(plan.patience()));

                long cleanupStart = System.nanoTime();
                cleanUp(db, prefix);
                double cleanupSeconds = (System.nanoTime() - cleanupStart) / 1e9;
                long fired = burst.firedIds().size();
                long firstDueMicros = firstDue.toEpochMilli() * 1000;
                double firingSpan = (burst.lastFired() - burst.firstFired()) / 1e6;
                return new Result(plan, warmup, pendingBefore + plan.pending(), insertSeconds,
                        Percentiles.of(burst.lateness()),
                        fired, burst.early(), firedTwice, withoutDelivery, burst.cancelled(), burst.pending(),
                        fired == 0 ? 0 : (burst.lastFired() - firstDueMicros) / 1e6,
                        firingSpan > 0 ? fired / firingSpan : fired, events.total(), events.twice(),
                        delivered.count(), delivered.count() == 0 ? 0 : (delivered.lastMicros() - firstDueMicros) / 1e6,
                        cpuSeconds(cpuBefore, cpuAfter, "notification-service"),
                        cpuSeconds(cpuBefore, cpuAfter, "postgresql"),
                        rssBefore, rssPending, rssPeak, heap, indexes, totalBefore, total, cleanupSeconds,
                        (System.nanoTime() - stepStarted) / 1e9);
            }
        }
    }

    /**
     * A burst of the same shape before the million are written, not part of the result: a service that has been up a
     * while has fired timers before, and the first burst after a start runs the firing code before the JIT compilers
     * have, as the speed steps' warm-up also allows for. Its lateness is returned for the report, apart.
     */
    private Percentiles warmUp(Connection db, List<String> reps, Plan plan) throws Exception {
        List<UUID> leads = assignments(db, reps, plan.burst());
        long afterId = single(db, "SELECT coalesce(max(id), 0) FROM notification.escalation_timer");
        Instant firstDue = Instant.now().plus(plan.leadTime());
        burstTimers(db, leads, reps, firstDue, plan.window());
        awaitBurst(db, afterId, firstDue.plus(plan.window()).plus(plan.patience()));
        Percentiles lateness = Percentiles.of(burst(db, afterId).lateness());
        awaitDeliveries(db, leads, Instant.now().plus(plan.patience()));
        Benchmark.say(String.format("  warm-up burst of %,d (not reported): lateness p50 %.0f ms p99 %.0f ms",
                plan.burst(), lateness.p50(), lateness.p99()));
        return lateness;
    }

    /** Reps in notification's copy of the roster, as routing's RepChanged would have put them there. */
    private List<String> reps(Connection db) throws Exception {
        List<String> reps = new ArrayList<>();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO notification.rep (rep_id, name, email, "
                + "team_id, time_zone, active) VALUES (?, ?, ?, NULL, 'Europe/London', TRUE)")) {
            for (int r = 0; r < REPS; r++) {
                String rep = prefix + "r" + r;
                insert.setString(1, rep);
                insert.setString(2, "Bench rep " + r);
                insert.setString(3, "rep" + r + "@bench.invalid");
                insert.addBatch();
                reps.add(rep);
            }
            insert.executeBatch();
        }
        return reps;
    }

    /**
     * The burst's leads: each with its current assignment and the alert its rep got, which a reminder repeats, as
     * LeadAssignedConsumer writes them.
     */
    private List<UUID> assignments(Connection db, List<String> reps, int count) throws Exception {
        List<Long> alertIds = new ArrayList<>(count);
        try (PreparedStatement ids = db.prepareStatement(
                "SELECT nextval('notification.alert_id_seq') FROM generate_series(1, ?)")) {
            ids.setInt(1, count);
            try (ResultSet rows = ids.executeQuery()) {
                while (rows.next()) {
                    alertIds.add(rows.getLong(1));
                }
            }
        }
        Map<String, Long> nextPosition = streamPositions(db, reps, count);
        Instant now = Instant.now();
        List<UUID> leads = new ArrayList<>(count);
        StringBuilder alerts = new StringBuilder();
        StringBuilder assignments = new StringBuilder();
        for (int i = 0; i < count; i++) {
            UUID lead = UUID.randomUUID();
            String rep = reps.get(i % reps.size());
            long alertId = alertIds.get(i);
            leads.add(lead);
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("alertId", alertId);
            alert.put("leadId", lead.toString());
            alert.put("repId", rep);
            alert.put("name", "Sam Taylor");
            alert.put("phone", "+447700900" + String.format("%03d", i % 1000));
            alert.put("telLink", "tel:+447700900" + String.format("%03d", i % 1000));
            alert.put("email", "lead" + i + "@bench.invalid");
            alert.put("interest", "solar panels");
            alert.put("notes", "bench timer " + i);
            alert.put("signal", Map.of("type", "callback_agreed", "occurredAt", now.minusSeconds(600).toString()));
            alert.put("tier", "hot");
            alert.put("score", 88);
            alert.put("respondBy", now.plus(Duration.ofMinutes(60)).toString());
            alert.put("openingLine", "Hi Sam, you asked us to call you back about solar panels.");
            alert.put("kind", "alert");
            long position = nextPosition.merge(rep, 1L, Long::sum) - 1;
            alerts.append(alertId).append('\t').append(lead).append('\t').append(rep).append('\t').append(position)
                    .append('\t').append(now).append('\t').append(json.writeValueAsString(alert)).append('\n');
            assignments.append(lead).append("\t1\t").append(rep).append("\t\\N\thot\t").append(now).append('\t')
                    .append(now.plus(Duration.ofMinutes(60))).append("\t1\t").append(alertId).append('\n');
        }
        copy(db, "COPY notification.alert (id, lead_id, rep_id, stream_position, created_at, payload) FROM STDIN",
                alerts);
        copy(db, "COPY notification.lead_assignment (lead_id, assignment_number, rep_id, team_id, tier, assigned_at, "
                + "respond_by, policy_version, alert_id) FROM STDIN", assignments);
        return leads;
    }

    /**
     * Reserves each rep's next stream positions for the alerts {@link #assignments} gives them (as AlertHistory.store
     * does one at a time); returns each rep's first reserved position.
     */
    private static Map<String, Long> streamPositions(Connection db, List<String> reps, int count) throws Exception {
        Map<String, Long> first = new LinkedHashMap<>();
        try (PreparedStatement reserve = db.prepareStatement("INSERT INTO notification.rep_stream (rep_id, "
                + "last_position) VALUES (?, ?) ON CONFLICT (rep_id) DO UPDATE SET last_position = "
                + "notification.rep_stream.last_position + EXCLUDED.last_position RETURNING last_position")) {
            for (int r = 0; r < reps.size(); r++) {
                long alerts = count / reps.size() + (r < count % reps.size() ? 1 : 0);
                if (alerts == 0) {
                    continue;
                }
                reserve.setString(1, reps.get(r));
                reserve.setLong(2, alerts);
                try (ResultSet last = reserve.executeQuery()) {
                    last.next();
                    first.put(reps.get(r), last.getLong(1) - alerts + 1);
                }
            }
        }
        return first;
    }

    /**
     * Whole policies of leads assigned between one and 25 hours from now, five timers each, committed every
     * {@value #COMMIT_ROWS} rows as the consumers' many small transactions would (a million rows in one uncommitted
     * transaction would make every index scan that meets them check each one, which no real load does).
     */
    private void farTimers(Connection db, List<String> reps, int count) throws Exception {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        long spreadMillis = Duration.ofHours(24).toMillis();
        int leads = (count + POLICY.length - 1) / POLICY.length;
        StringBuilder rows = new StringBuilder();
        int written = 0;
        for (int lead = 0; lead < leads; lead++) {
            UUID leadId = UUID.randomUUID();
            String rep = reps.get(lead % reps.size());
            Instant assignedAt = from.plusMillis(spreadMillis * lead / leads);
            for (Object[] step : POLICY) {
                if (written == count) {
                    break;
                }
                timerRow(rows, leadId, rep, (String) step[1], (int) step[2], (String) step[3], (String) step[4],
                        assignedAt.plus(Duration.ofMinutes((int) step[0])));
                if (++written % COMMIT_ROWS == 0) {
                    copy(db, TIMER_COPY, rows);
                }
            }
        }
        if (rows.length() > 0) {
            copy(db, TIMER_COPY, rows);
        }
    }

    /** The burst: each lead's first reminder, due evenly over the window. */
    private void burstTimers(Connection db, List<UUID> leads, List<String> reps, Instant firstDue, Duration window)
            throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < leads.size(); i++) {
            Instant due = firstDue.plusNanos(window.toNanos() * i / leads.size());
            timerRow(rows, leads.get(i), reps.get(i % reps.size()), "STEP", 1, "rep",
                    "Reminder: call this lead now", due);
        }
        copy(db, TIMER_COPY, rows);
    }

    private static void timerRow(StringBuilder rows, UUID lead, String rep, String kind, int step, String target,
                                 String message, Instant due) {
        rows.append(lead).append("\t1\t").append(rep).append('\t').append(kind).append('\t').append(step).append('\t')
                .append(target == null ? "\\N" : target).append('\t').append(message).append('\t').append(due)
                .append("\tpending\n");
    }

    /**
     * Waits until no burst timer is pending (or the deadline), sampling notification-service's memory meanwhile. The
     * check reads the primary key's range of the burst: cheap, so it does not slow the firing it watches.
     */
    private double awaitBurst(Connection db, long burstAfterId, Instant deadline) throws Exception {
        String pending = "SELECT count(*) FROM notification.escalation_timer WHERE id > " + burstAfterId
                + " AND state = 'pending' AND rep_id LIKE '" + prefix + "%'";
        double peak = 0;
        long lastCheck = 0;
        while (Instant.now().isBefore(deadline)) {
            peak = Math.max(peak, rssMb());
            if (System.nanoTime() - lastCheck > 500_000_000L) {
                lastCheck = System.nanoTime();
                if (single(db, pending) == 0) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        return peak;
    }

    /** The burst as recorded: lateness of each fired timer, how many fired early, stayed pending or were cancelled. */
    private record Burst(Histogram lateness, List<Long> firedIds, long early, long pending, long cancelled,
                         long firstFired, long lastFired) {
    }

    private Burst burst(Connection db, long burstAfterId) throws Exception {
        Histogram micros = Percentiles.histogram();
        List<Long> fired = new ArrayList<>();
        long early = 0;
        long pending = 0;
        long cancelled = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT id, state, (extract(epoch FROM fired_at - due_at) * 1000000)::bigint,
                            (extract(epoch FROM fired_at) * 1000000)::bigint
                       FROM notification.escalation_timer
                      WHERE id > %d AND rep_id LIKE '%s%%'""".formatted(burstAfterId, prefix))) {
            while (rows.next()) {
                switch (rows.getString(2)) {
                    case "fired" -> {
                        fired.add(rows.getLong(1));
                        long late = rows.getLong(3);
                        early += late < 0 ? 1 : 0;
                        micros.recordValue(Math.max(0, late));
                        first = Math.min(first, rows.getLong(4));
                        last = Math.max(last, rows.getLong(4));
                    }
                    case "pending" -> pending++;
                    default -> cancelled++;
                }
            }
        }
        return fired.isEmpty() ? new Burst(micros, fired, early, pending, cancelled, 0, 0)
                : new Burst(micros, fired, early, pending, cancelled, first, last);
    }

    /** SSE deliveries per timer among the burst's leads (through delivery's lead index). */
    private static Map<Long, Long> deliveriesPerTimer(Connection db, List<UUID> leads) throws Exception {
        Map<Long, Long> perTimer = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT timer_id, count(*) FROM notification.delivery "
                + "WHERE lead_id = ANY(?) AND channel = 'sse' GROUP BY timer_id")) {
            query.setArray(1, db.createArrayOf("uuid", leads.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    perTimer.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        return perTimer;
    }

    /** How many of the burst's deliveries were sent, and when the last was (epoch microseconds). */
    private record Delivered(long count, long lastMicros) {
    }

    /**
     * Waits until the burst's deliveries are no longer pending (sent to the reps' streams, or given up), so that the
     * clean-up does not pull them from under the dispatcher.
     */
    private static Delivered awaitDeliveries(Connection db, List<UUID> leads, Instant deadline) throws Exception {
        Array ids = db.createArrayOf("uuid", leads.toArray());
        try (PreparedStatement pending = db.prepareStatement("SELECT count(*) FROM notification.delivery "
                + "WHERE lead_id = ANY(?) AND status = 'pending'");
             PreparedStatement sent = db.prepareStatement("SELECT count(*), coalesce((extract(epoch FROM "
                     + "max(delivered_at)) * 1000000)::bigint, 0) FROM notification.delivery "
                     + "WHERE lead_id = ANY(?) AND status = 'delivered'")) {
            pending.setArray(1, ids);
            sent.setArray(1, ids);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet row = pending.executeQuery()) {
                    row.next();
                    if (row.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(500);
            }
            try (ResultSet row = sent.executeQuery()) {
                row.next();
                return new Delivered(row.getLong(1), row.getLong(2));
            }
        }
    }

    /** Deletes what this step (or an earlier, interrupted run of it) wrote into notification's tables. */
    private static void cleanUp(Connection db, String prefix) throws Exception {
        try (Statement statement = db.createStatement()) {
            String like = " LIKE '" + prefix + "%'";
            statement.execute("DELETE FROM notification.delivery WHERE timer_id IN (SELECT id FROM "
                    + "notification.escalation_timer WHERE rep_id" + like + " AND state <> 'pending')");
            statement.execute("DELETE FROM notification.escalation_timer WHERE rep_id" + like);
            statement.execute("DELETE FROM notification.lead_assignment WHERE rep_id" + like);
            statement.execute("DELETE FROM notification.alert WHERE rep_id" + like);
            statement.execute("DELETE FROM notification.rep WHERE rep_id" + like);
        }
    }

    /** CPU time (user + system) a process used between two samples, in seconds. */
    private static double cpuSeconds(Map<String, Footprint.Sample> before, Map<String, Footprint.Sample> after,
                                     String process) {
        Footprint.Sample start = before.get(process);
        Footprint.Sample end = after.get(process);
        return start == null || end == null ? 0 : (end.cpuTicks() - start.cpuTicks()) / Footprint.TICKS_PER_SECOND;
    }

    private double rssMb() {
        Footprint.Sample sample = footprint.sample().get("notification-service");
        return sample == null ? 0 : sample.rssKb() / 1024.0;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, "notification",
                System.getenv().getOrDefault("WARMLINE_DB_PASSWORD", "notification"));
    }

    private static void copy(Connection db, String sql, StringBuilder rows) throws Exception {
        CopyIn copy = ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI().copyIn(sql);
        try {
            write(copy, rows);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder rows) throws Exception {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The ReminderSent events notification-service publishes for the burst's leads, read from the topic: one per
     * fired timer; two for one lead would be a timer fired twice (or an event published twice).
     */
    private static final class ReminderEvents implements AutoCloseable {

        private final Map<String, AtomicLong> perLead = new ConcurrentHashMap<>();
        private final AtomicLong total = new AtomicLong();
        private final AtomicBoolean done = new AtomicBoolean();
        private final Thread reader;

        ReminderEvents(String bootstrap, List<UUID> leads) {
            java.util.Set<String> wanted = new java.util.HashSet<>();
            leads.forEach(lead -> wanted.add(lead.toString()));
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "group.id", "bench-timers", "enable.auto.commit", "false"),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor("warmline.reminder-sent").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                try (consumer) {
                    while (!done.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            if (record.key() != null && wanted.contains(record.key())) {
                                perLead.computeIfAbsent(record.key(), key -> new AtomicLong()).incrementAndGet();
                                total.incrementAndGet();
                            }
                        }
                    }
                }
            }, "timer-events");
            reader.start();
        }

        void await(long expected, Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (total.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1000); // a duplicate would arrive close behind
        }

        long total() {
            return total.get();
        }

        long twice() {
            return perLead.values().stream().filter(count -> count.get() > 1).count();
        }

        @Override
        public void close() throws InterruptedException {
            done.set(true);
            reader.join();
        }
    }
}
