package io.warmline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes what a run measured: report.md (with the method), chart.png, steps.csv and results.json. */
record Report(Benchmark.Options options, Percentiles kafkaFloor, Percentiles httpFloor, Percentiles pgFloor,
              double floorP50, double floorP99, SpeedToAlert.Step firstLead, Map<String, double[]> idle,
              List<SpeedToAlert.Step> steps, List<Map<String, Object>> rows, Timers.Result timers) {

    /** The goals' figures (issue 15). */
    static final double CPU_MS_PER_LEAD_BUDGET = 6.0;
    static final double IDLE_PERCENT_BUDGET = 5.0;
    static final int HELD_RATE_GOAL = 300;
    static final int HELD_SECONDS_GOAL = 120;
    static final int P99_RATE = 100;
    static final double P99_GOAL_MS = 100;
    static final double FIRST_LEAD_GOAL_MS = 1000;
    static final String[] PROCESSES = {"intake-service", "scoring-service", "routing-service", "notification-service",
            "kafka", "postgresql"};

    void write() throws Exception {
        Path out = options.out();
        Chart.write(steps, floorP50, floorP99, out.resolve("chart.png"));
        Files.writeString(out.resolve("steps.csv"), csv());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("finished", Instant.now().toString());
        results.put("machine", machine());
        results.put("floors_ms", Map.of("kafka_hop", kafkaFloor, "http_accept", httpFloor, "postgres_commit", pgFloor,
                "hops_p50", floorP50, "hops_p99", floorP99));
        results.put("steps", rows);
        results.put("first_lead_ms", firstLead.latency().max());
        Map<String, Object> idleFigures = new LinkedHashMap<>();
        idle.forEach((name, figures) -> idleFigures.put(name, Math.round(figures[0] * 10) / 10.0));
        results.put("idle_cpu_percent", idleFigures);
        if (timers != null) {
            results.put("timers", timers.asMap());
        }
        results.put("goals", goals());
        Benchmark.json().writeValue(out.resolve("results.json").toFile(), results);
        Files.writeString(out.resolve("report.md"), markdown());
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("rate,seconds,sent,alerted,missing,refused,failed,p50_ms,p99_ms,p999_ms,max_ms,lag_growing\n");
        rows.forEach(row -> csv.append(String.join(",", List.of("rate", "seconds", "sent", "alerted", "missing",
                "refused", "failed", "p50_ms", "p99_ms", "p999_ms", "max_ms", "lag_growing").stream()
                .map(key -> String.valueOf(row.get(key))).toList())).append('\n'));
        return csv.toString();
    }

    private Map<String, String> goals() {
        Map<String, String> goals = new LinkedHashMap<>();
        int held = heldRate();
        String brokeDown = brokeDownAt();
        boolean heldLongEnough = options.stepSeconds() >= HELD_SECONDS_GOAL;
        goals.put("at least " + HELD_RATE_GOAL + " leads/s held for " + HELD_SECONDS_GOAL + " s, consumer lag flat",
                verdict(held >= HELD_RATE_GOAL && heldLongEnough, "highest rate held: " + held + " leads/s for "
                        + options.stepSeconds() + " s steps" + brokeDown));
        int at = stepIndex(P99_RATE);
        goals.put("p99 speed to alert <= " + (int) P99_GOAL_MS + " ms at " + P99_RATE + " leads/s", at < 0
                ? notReached(P99_RATE, brokeDown)
                : verdict(steps.get(at).latency().p99() <= P99_GOAL_MS && steps.get(at).missing() == 0,
                String.format("p99 %.1f ms, %d missing", steps.get(at).latency().p99(), steps.get(at).missing())));
        SpeedToAlert.Step lowest = steps.isEmpty() ? null : steps.get(0);
        goals.put("p50 <= 3x the floor of its path at " + options.rates()[0] + " leads/s", lowest == null
                ? "NOT met (no step ran)"
                : verdict(lowest.missing() == 0 && lowest.latency().count() > 0
                && lowest.latency().p50() <= 3 * floorP50, String.format("p50 %.1f ms vs floor %.1f ms: %.1fx",
                lowest.latency().p50(), floorP50, lowest.latency().p50() / floorP50)));
        goals.put("<= " + (int) CPU_MS_PER_LEAD_BUDGET + " ms of CPU per lead at " + P99_RATE
                + " leads/s (all processes, load generator apart)", at < 0 ? notReached(P99_RATE, brokeDown)
                : verdict(cpuPerLead(at) <= CPU_MS_PER_LEAD_BUDGET, String.format("%.1f ms", cpuPerLead(at))));
        double idleTotal = Benchmark.total(idle);
        goals.put("idle stack <= " + (int) IDLE_PERCENT_BUDGET + "% of one core", verdict(
                idleTotal <= IDLE_PERCENT_BUDGET, String.format("%.1f%% over %d s", idleTotal, options.idleSeconds())));
        goals.put("first lead after the stack reports ready alerted within 1 s", verdict(firstLead.missing() == 0
                && firstLead.alerted() == 1 && firstLead.latency().max() <= FIRST_LEAD_GOAL_MS, firstLead.alerted() == 1
                ? String.format("%.0f ms", firstLead.latency().max()) : "not alerted within the drain"));
        goals.put("timer lateness p99 <= 1 s with 1,000,000 pending", timerGoal());
        return goals;
    }

    private int stepIndex(int rate) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).rate() == rate) {
                return i;
            }
        }
        return -1;
    }

    private double cpuPerLead(int step) {
        return ((Number) rows.get(step).get("cpu_ms_per_lead")).doubleValue();
    }

    /** ", broke down at X/s" when a step broke down (or was not held), else empty. */
    private String brokeDownAt() {
        for (int i = 0; i < steps.size(); i++) {
            if (!held(i)) {
                return ", broke down at " + steps.get(i).rate() + "/s";
            }
        }
        return "";
    }

    private String notReached(int rate, String brokeDown) {
        return brokeDown.isEmpty() ? "not measured (no " + rate + "/s step)"
                : "NOT met (" + brokeDown.substring(2) + ", before " + rate + "/s)";
    }

    private String timerGoal() {
        if (timers == null) {
            return "not measured (--timers 0)";
        }
        String figures = String.format("p99 %.0f ms with %,d pending; %d not fired, %d early, %d twice",
                timers.lateness().p99(), timers.pendingAtBurst(), timers.notFired() + timers.cancelled(),
                timers.firedEarly(), timers.firedTwice() + timers.leadsEventTwice());
        return timers.plan().pending() < 1_000_000 ? "not measured at 1,000,000 (" + figures + ")"
                : verdict(timers.goalMet(), figures);
    }

    /** The highest step with every alert delivered, nothing refused, and consumer lag not growing. */
    private int heldRate() {
        int held = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (held(i)) {
                held = Math.max(held, steps.get(i).rate());
            }
        }
        return held;
    }

    private boolean held(int i) {
        SpeedToAlert.Step step = steps.get(i);
        return step.missing() == 0 && step.refused() == 0 && step.failed() == 0
                && !Boolean.TRUE.equals(rows.get(i).get("lag_growing"));
    }

    private static String verdict(boolean met, String figures) {
        return (met ? "met" : "NOT met") + " (" + figures + ")";
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try {
            machine.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown"));
            machine.put("memory", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        } catch (Exception e) {
            machine.put("cpu", "unknown");
        }
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Warmline benchmark: speed to alert\n\n");
        md.append("Run finished ").append(Instant.now()).append(". Machine: ");
        md.append(machine().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")));
        md.append(". Everything (Kafka, PostgreSQL, four services, the load generator) on this one machine.\n\n");
        md.append("![speed to alert](chart.png)\n\n## Goals\n\n| goal | result |\n|---|---|\n");
        goals().forEach((goal, result) -> md.append("| ").append(goal).append(" | ").append(result).append(" |\n"));
        md.append("\n## Speed to alert per step\n\n| leads/s | sent | alerted | missing | refused | failed | p50 ms | p99 ms | p99.9 ms | max ms | consumer lag samples |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            SpeedToAlert.Step step = steps.get(i);
            md.append(String.format("| %d | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %s%s |\n", step.rate(),
                    step.sent(), step.alerted(), step.missing(), step.refused(), step.failed(), step.latency().p50(),
                    step.latency().p99(), step.latency().p999(), step.latency().max(), rows.get(i).get("lag_samples"),
                    Boolean.TRUE.equals(rows.get(i).get("lag_growing")) ? " growing" : ""));
        }
        md.append("\n## The floor, same run, same broker\n\n| hop | count | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---|---|---|---|---|\n");
        md.append("| Kafka produce -> consume (").append(options.floorRate()).append("/s) | ").append(kafkaFloor.row()).append(" |\n");
        md.append("| HTTP accept, minimal endpoint (").append(options.floorRate()).append("/s) | ").append(httpFloor.row()).append(" |\n");
        md.append("| PostgreSQL committed insert | ").append(pgFloor.row()).append(" |\n");
        md.append(String.format("%nThe floor of a lead's path (one HTTP accept, three Kafka hops, four commits): p50 %.1f ms, p99 %.1f ms.", floorP50, floorP99));
        if (!steps.isEmpty()) {
            SpeedToAlert.Step first = steps.get(0);
            md.append(String.format(" At %d leads/s Warmline's p50 is %.1fx and p99 %.1fx that floor.%n",
                    first.rate(), first.latency().p50() / floorP50, first.latency().p99() / floorP99));
        }
        md.append(cpuSection());
        md.append(hopsSection());
        md.append(databaseSection());
        md.append("\n## Memory per step (resident MB)\n\n");
        for (Map<String, Object> row : rows) {
            md.append("- ").append(row.get("rate")).append(" leads/s: ");
            md.append(processes(row).entrySet().stream().map(e -> e.getKey() + " " + e.getValue().get("rss_mb")
                    + " MB").collect(Collectors.joining(", "))).append('\n');
        }
        if (timers != null) {
            md.append(timersSection());
        }
        md.append("""

                ## Method

                - **Speed to alert**: %d vendors post signed leads (HMAC, as documented) at a constant arrival rate
                  (open loop: the i-th webhook is due at start + i/rate and sent then, whether or not earlier ones were
                  answered). %d simulated reps hold their server-sent alert streams open and log a follow-up (a
                  connected call with a dated proposal) on every alert, which frees their capacity. A lead's latency runs from
                  the moment its webhook was due to the moment its alert arrived on the stream, both read from the
                  load generator's System.nanoTime (one clock). Each lead's notes carry its sequence number, which the
                  alert repeats. Recorded in HdrHistogram (microseconds). After each step the generator waits up to
                  %d s for the stragglers; alerts still missing then are counted as missing. A warm-up at the first
                  rate (90 s; 20 s with --quick), while the JIT compilers of five JVMs settle, is not reported. Steps stop early once p99 exceeds %.0f ms or over 5%% of alerts are missing.
                - **Consumer lag**: every 2 s during a step, the committed offsets of the three consumer groups
                  against the topics' end offsets (Kafka admin API); "growing" means the second half of the step's
                  samples averages more than one commit interval (5 s) of arrivals above the first half: committed
                  offsets trail the work by up to that interval, so single samples saw-tooth by as much.
                - **Floors**: in the same run, on the same broker and database: one Kafka produce-to-consume hop with
                  the services' producer settings (acks=all, idempotent, linger 0) at %d msg/s and the size of an
                  event; a minimal JDK HTTP endpoint answering 202 to the same body at %d/s; single committed
                  inserts on the same PostgreSQL. The floor of a lead's path is one accept + three hops + four commits.
                - **First lead**: one lead sent right after the stack reported ready (services.sh waits for every
                  service's readiness), before the floors and the warm-up: its webhook-to-alert time.
                - **Idle**: after the warm-up has drained, %d s with no leads: CPU of each process.
                - **CPU per lead**: user+system CPU time of each process from /proc over the whole step (its drain
                  included) divided by the leads the step sent; PostgreSQL counts the postmaster and its backends.
                  "all" adds the stack's processes (services, Kafka, PostgreSQL), the load generator apart.
                - **Where the time goes**: per step, for the leads intake received during it, the time between the
                  commit timestamps consecutive services store (each hop is relay + Kafka + consumer + transaction).
                - **Database and broker work**: per step, deltas of pg_stat_database (commits; rows inserted, updated
                  and deleted) and pg_stat_wal (WAL bytes) of the warmline database, and pg_stat_statements (reset at
                  the step's start; the services' roles only) divided by the leads sent; the top statements of the
                  last step by calls. Records per produce request: deltas of record-send-total over request-total of
                  each service's outbox producer (Kafka client metrics on /q/metrics; requests include metadata).
                - **Memory**: VmRSS of each process at the end of each step.
                - **Timers**: %s
                - **Raw data**: results.json (the timer step under "timers") and steps.csv beside this file.
                """.formatted(options.vendors(), options.reps(), options.drainMillis() / 1000, options.breakdownMillis(),
                options.floorRate(), options.floorRate(), options.idleSeconds(), timersMethod()));
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> processes(Map<String, Object> row) {
        return (Map<String, Map<String, Object>>) row.get("processes");
    }

    /** CPU ms per lead for each process and step, next to the budget; the idle stack. */
    private String cpuSection() {
        StringBuilder md = new StringBuilder("\n## CPU per lead (ms of CPU time per lead sent, whole step)\n\n| leads/s | ");
        md.append(String.join(" | ", PROCESSES)).append(" | **all (budget ").append((int) CPU_MS_PER_LEAD_BUDGET)
                .append(")** | load generator |\n|---|").append("---|".repeat(PROCESSES.length + 2)).append('\n');
        for (Map<String, Object> row : rows) {
            Map<String, Map<String, Object>> processes = processes(row);
            md.append("| ").append(row.get("rate"));
            for (String process : PROCESSES) {
                Map<String, Object> figures = processes.get(process);
                md.append(" | ").append(figures == null ? "-" : figures.get("cpu_ms_per_lead"));
            }
            Map<String, Object> generator = processes.get(Footprint.LOAD_GENERATOR);
            md.append(" | **").append(row.get("cpu_ms_per_lead")).append("** | ")
                    .append(generator == null ? "-" : generator.get("cpu_ms_per_lead")).append(" |\n");
        }
        md.append(String.format("%nIdle, after the warm-up (%d s, no leads), %% of one core: ", options.idleSeconds()));
        md.append(idle.entrySet().stream().map(e -> String.format("%s %.1f%%", e.getKey(), e.getValue()[0]))
                .collect(Collectors.joining(", ")));
        md.append(String.format("; the stack %.1f%% (budget %.0f%%).%n", Benchmark.total(idle), IDLE_PERCENT_BUDGET));
        md.append("\nCPU % of one core per step: ");
        md.append(rows.stream().map(row -> row.get("rate") + "/s: " + processes(row).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().get("cpu_percent") + "%").collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).append(".\n");
        return md.toString();
    }

    /** Commit to commit between consecutive services, per step. */
    private String hopsSection() {
        StringBuilder md = new StringBuilder("\n## Where the time goes (commit to commit, per step; p50 / p99 ms)\n\n");
        if (rows.isEmpty()) {
            return md.append("No step ran.\n").toString();
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> first = (Map<String, Map<String, Double>>) rows.get(0).get("hops_ms");
        md.append("| leads/s | ").append(String.join(" | ", first.keySet())).append(" |\n|---|")
                .append("---|".repeat(first.size())).append('\n');
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Double>> hops = (Map<String, Map<String, Double>>) row.get("hops_ms");
            md.append("| ").append(row.get("rate"));
            for (String hop : first.keySet()) {
                Map<String, Double> figures = hops.get(hop);
                md.append(figures == null ? " | -" : String.format(" | %.1f / %.1f", figures.get("p50"),
                        figures.get("p99")));
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    /** The database's work per lead per step, records per produce request, and the top statements. */
    @SuppressWarnings("unchecked")
    private String databaseSection() {
        StringBuilder md = new StringBuilder("\n## Database and broker work per lead\n\n| leads/s | commits | rows "
                + "written | WAL bytes | statements | records per produce request (outbox producers) |\n"
                + "|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : rows) {
            Map<String, Object> database = (Map<String, Object>) row.get("database");
            Map<String, Double> produce = (Map<String, Double>) row.get("records_per_produce_request");
            md.append(String.format("| %s | %s | %s | %s | %s | %s |%n", row.get("rate"),
                    database.get("commits_per_lead"), database.get("rows_written_per_lead"),
                    database.get("wal_bytes_per_lead"), database.get("statements_per_lead"),
                    produce.entrySet().stream().map(e -> e.getKey().replace("-service", "") + " " + e.getValue())
                            .collect(Collectors.joining(", "))));
        }
        if (!rows.isEmpty()) {
            Map<String, Object> last = rows.get(rows.size() - 1);
            List<DatabaseCost.FrequentStatement> top = (List<DatabaseCost.FrequentStatement>) last.get("top_statements");
            long sent = ((Number) last.get("sent")).longValue();
            md.append(String.format("%nThe statements run most often in the %s leads/s step (pg_stat_statements):%n%n",
                    last.get("rate")));
            md.append("| per lead | rows per call | mean ms | role | statement |\n|---|---|---|---|---|\n");
            for (DatabaseCost.FrequentStatement statement : top) {
                String query = statement.query().length() > 140 ? statement.query().substring(0, 140) + "..."
                        : statement.query();
                md.append(String.format("| %.2f | %.1f | %.3f | %s | `%s` |%n", statement.calls() / (double) Math.max(1, sent),
                        statement.rows() / (double) Math.max(1, statement.calls()),
                        statement.totalMillis() / Math.max(1, statement.calls()), statement.role(),
                        query.replace("|", "\\|").replace("`", "'")));
            }
        }
        return md.toString();
    }

    private String timersSection() {
        Timers.Result t = timers;
        Timers.Plan plan = t.plan();
        StringBuilder md = new StringBuilder(String.format("%n## Timers: %,d pending, a burst of %,d due within %d s%n%n",
                plan.pending(), plan.burst(), plan.window().toSeconds()));
        md.append("| figure | value |\n|---|---|\n");
        row(md, "pending when the burst came due", String.format("%,d", t.pendingAtBurst()));
        row(md, "burst", String.format("%,d first reminders (each lead's current assignment and alert in place), due "
                + "evenly over %d s (%,d/s)", plan.burst(), plan.window().toSeconds(),
                plan.burst() / Math.max(1, plan.window().toSeconds())));
        row(md, "lateness, fired_at - due_at (count, p50, p99, p99.9, max ms)", t.lateness().row().replace(" | ", ", "));
        row(md, "the warm-up burst before them, not in the goal (same figures)",
                t.warmupLateness().row().replace(" | ", ", "));
        row(md, "fired / still pending / cancelled", String.format("%,d / %,d / %,d", t.fired(), t.notFired(),
                t.cancelled()));
        row(md, "fired early (fired_at < due_at)", Long.toString(t.firedEarly()));
        row(md, "fired twice: timers with two deliveries; leads with two ReminderSent events",
                t.firedTwice() + "; " + t.leadsEventTwice() + String.format(" (%,d events for %,d fired; %,d fired "
                        + "without a delivery)", t.reminderEvents(), t.fired(), t.firedWithoutDelivery()));
        row(md, "first due to last fired", String.format("%.1f s (%.0f timers/s from first to last firing)",
                t.burstSeconds(), t.firingPerSecond()));
        row(md, "reminders delivered to the reps' streams", String.format("%,d, the last %.1f s after the first due",
                t.delivered(), t.deliveredSeconds()));
        row(md, "CPU from just before the burst until it had fired", String.format("notification-service %.1f s, "
                + "PostgreSQL %.1f s", t.notificationCpuSeconds(), t.postgresCpuSeconds()));
        row(md, "notification-service resident memory", String.format("%.0f MB before, %.0f MB with them pending, "
                + "%.0f MB at most during the burst", t.rssBeforeMb(), t.rssPendingMb(), t.rssPeakMb()));
        row(md, "escalation_timer on disk with them pending", String.format("table %,d MB + indexes %,d MB = %,d MB "
                        + "(%,d MB before)", t.tableBytes() >> 20, t.indexBytes() >> 20, t.totalBytes() >> 20,
                t.totalBytesBefore() >> 20));
        row(md, "writing them (COPY as the notification role)", String.format("%.1f s", t.insertSeconds()));
        row(md, "the step, clean-up included", String.format("%.0f s (clean-up %.1f s)", t.stepSeconds(),
                t.cleanupSeconds()));
        return md.toString();
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private String timersMethod() {
        if (timers == null) {
            return "not run (--timers 0).";
        }
        return """
                last, after the other steps. First a warm-up burst of the same shape, with nothing else pending \
                from the step, fires and is delivered (reported apart, not in the goal: the firing code's first run \
                after a start is the JIT compilers' too). Then, as notification's own role, COPY writes the pending \
                timers into \
                notification.escalation_timer, committed every 50,000 rows: whole escalation policies (reminder at \
                +10 and +20 min, team lead +30, operator +45, deadline +60) of leads assigned 1 to 25 hours from now, \
                then the burst: first reminders of leads whose current assignment (lead_assignment), alert and rep \
                exist in notification's tables, so they fire through the service's real path (claim, reads, an SSE \
                delivery and a ReminderSent event written in the firing transaction, then sent and published). The \
                burst comes due evenly over the window, starting %d s after the last row is written. Lateness is \
                fired_at - due_at of each burst timer as the service recorded it (fired_at is taken just before the \
                firing transaction writes its rows and commits; both times from the one machine's clock), in \
                HdrHistogram. Early: fired_at < due_at. Twice: SSE deliveries per timer (one per firing, from the \
                delivery table) and ReminderSent events per lead read from Kafka (one lead per burst timer). Memory: \
                VmRSS of notification-service from /proc before the insert, with them pending, and at most while the \
                burst fired (sampled every 100 ms). Disk: pg_relation_size, pg_indexes_size and \
                pg_total_relation_size of escalation_timer with them pending. CPU: user+system time from /proc of \
                notification-service and of PostgreSQL (postmaster and backends) from just before the first due to \
                the last firing; it includes sending the reminders and publishing the events that overlap it. \
                Everything the step wrote in notification's tables is deleted afterwards (the ReminderSent events \
                stay on routing's timeline). The goal counts as met only with %s pending, all fired, none early, \
                none twice.""".formatted(Timers.Plan.LEAD_TIME.toSeconds(), "1,000,000");
    }
}
