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
              double floorP50, double floorP99, List<SpeedToAlert.Step> steps, List<Map<String, Object>> rows,
              Map<String, double[]> hops, Timers.Result timers) {

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
        results.put("hop_breakdown_ms", hops.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Map.of("p50", e.getValue()[0], "p99", e.getValue()[1]), (a, b) -> a, LinkedHashMap::new)));
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
        SpeedToAlert.Step at300 = steps.stream().filter(step -> step.rate() == 300).findFirst().orElse(null);
        goals.put("p99 speed to alert <= 100 ms at 300 leads/s", at300 == null ? "not measured (no 300/s step)"
                : verdict(at300.latency().p99() <= 100 && at300.missing() == 0,
                String.format("p99 %.1f ms, %d missing", at300.latency().p99(), at300.missing())));
        SpeedToAlert.Step lowest = steps.isEmpty() ? null : steps.get(0);
        goals.put("p50 within 3x of the floor of its hops", lowest == null ? "not measured"
                : verdict(lowest.missing() == 0 && lowest.latency().count() > 0
                && lowest.latency().p50() <= 3 * floorP50, String.format("p50 %.1f ms vs floor %.1f ms: %.1fx",
                lowest.latency().p50(), floorP50, lowest.latency().p50() / floorP50)));
        int held = heldRate();
        goals.put("at least 500 leads/s with consumer lag not growing", verdict(held >= 500,
                "highest rate held: " + held + " leads/s"));
        goals.put("timer lateness p99 <= 1 s with 1,000,000 pending", timerGoal());
        return goals;
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
            SpeedToAlert.Step step = steps.get(i);
            if (step.missing() == 0 && step.refused() == 0 && step.failed() == 0
                    && !Boolean.TRUE.equals(rows.get(i).get("lag_growing"))) {
                held = Math.max(held, step.rate());
            }
        }
        return held;
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
        md.append("\n## Where the time goes (commit to commit, all steps)\n\n| hop | p50 ms | p99 ms |\n|---|---|---|\n");
        hops.forEach((hop, figures) -> md.append(String.format("| %s | %.1f | %.1f |%n", hop, figures[0], figures[1])));
        md.append("\n## Footprint per step (CPU % of one core, resident MB)\n\n");
        for (Map<String, Object> row : rows) {
            md.append("- ").append(row.get("rate")).append(" leads/s: ");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> processes = (Map<String, Map<String, Object>>) row.get("processes");
            md.append(processes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().get("cpu_percent") + "% "
                    + e.getValue().get("rss_mb") + " MB").collect(Collectors.joining(", "))).append('\n');
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
                - **Where the time goes**: the commit timestamps each service stores for the benchmark's leads.
                - **Footprint**: user+system CPU time and VmRSS of each process from /proc, per step (PostgreSQL
                  counts the postmaster and its backends).
                - **Timers**: %s
                - **Raw data**: results.json (the timer step under "timers") and steps.csv beside this file.
                """.formatted(options.vendors(), options.reps(), options.drainMillis() / 1000, options.breakdownMillis(),
                options.floorRate(), options.floorRate(), timersMethod()));
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
