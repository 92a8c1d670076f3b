package io.warmline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.warmline.driver.Stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the benchmark against a running stack and writes report.md, chart.png, steps.csv and results.json.
 * deploy/bench/run.sh starts the stack and calls this; the method is written into the report.
 */
public final class Benchmark {

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Stack stack = Stack.fromEnvironment();
        String kafka = env("KAFKA_BOOTSTRAP_SERVERS");
        String postgres = env("WARMLINE_PG_URL");
        Path stackDir = Path.of(env("WARMLINE_STACK_DIR"));
        Files.createDirectories(options.out);
        List<SpeedToAlert.Step> steps = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        Footprint footprint = new Footprint(stackDir);
        Map<String, String> services = new LinkedHashMap<>();
        services.put("intake-service", stack.intake());
        services.put("scoring-service", stack.scoring());
        services.put("routing-service", stack.routing());
        services.put("notification-service", stack.notification());
        ProducerBatching batching = new ProducerBatching(services);
        Percentiles kafkaFloor;
        Percentiles httpFloor;
        Percentiles pgFloor;
        SpeedToAlert.Step firstLead;
        Map<String, double[]> idle;
        try (SpeedToAlert load = new SpeedToAlert(stack, options.vendors, options.reps, options.repCapacity, Benchmark::say);
             ConsumerLag lag = new ConsumerLag(kafka);
             DatabaseCost database = new DatabaseCost(postgres)) {
            // The first lead after the stack reported ready, before anything else warms the services up.
            firstLead = load.run(1, 1, options.drainMillis);
            say(firstLead.alerted() == 1 ? String.format("first lead after start: alerted in %.0f ms",
                    firstLead.latency().max()) : "first lead after start: not alerted within the drain");
            say("floors: Kafka hop, HTTP accept, PostgreSQL commit (" + options.floorSeconds + " s each)");
            int messageBytes = SpeedToAlert.sampleBody().length() * 3; // an event carries the lead plus its envelope
            kafkaFloor = KafkaFloor.measure(kafka, options.floorRate, options.floorSeconds, messageBytes);
            httpFloor = HttpFloor.measure(options.floorRate, options.floorSeconds, SpeedToAlert.sampleBody());
            pgFloor = PostgresFloor.measure(postgres, options.floorRate * options.floorSeconds);
            say(String.format("  kafka hop p50 %.2f ms p99 %.2f ms; http accept p50 %.2f ms p99 %.2f ms; commit p50 %.2f ms p99 %.2f ms",
                    kafkaFloor.p50(), kafkaFloor.p99(), httpFloor.p50(), httpFloor.p99(), pgFloor.p50(), pgFloor.p99()));
            // Five JVMs share the cores, and the JIT compilers keep them busy for the first minute or two: warm
            // up at the first rate until the stragglers have drained, then measure.
            say("warm-up: " + options.rates[0] + " leads/s for " + options.warmupSeconds() + " s (not reported)");
            load.run(options.rates[0], options.warmupSeconds(), 30_000);
            say("idle: no leads for " + options.idleSeconds + " s");
            var idleStart = footprint.sample();
            long idleStarted = System.nanoTime();
            Thread.sleep(options.idleSeconds * 1000L);
            idle = Footprint.between(idleStart, footprint.sample(), (System.nanoTime() - idleStarted) / 1e9);
            say(String.format("  idle stack: %.1f%% of one core", total(idle)));
            for (int rate : options.rates) {
                say("step " + rate + " leads/s for " + options.stepSeconds + " s");
                List<Long> lagSamples = new CopyOnWriteArrayList<>();
                Thread sampler = sampler(lag, lagSamples);
                var before = footprint.sample();
                var producedBefore = batching.sample();
                DatabaseCost.Counters dbBefore = database.start();
                Instant from = Instant.now();
                long started = System.nanoTime();
                SpeedToAlert.Step step = load.run(rate, options.stepSeconds, options.drainMillis);
                double seconds = (System.nanoTime() - started) / 1e9;
                Instant to = Instant.now();
                var usage = Footprint.between(before, footprint.sample(), seconds);
                DatabaseCost.Counters dbCost = database.counters().minus(dbBefore);
                Map<String, Object> row = row(step, lagSamples, growing(lagSamples, rate), usage, seconds);
                sampler.interrupt();
                row.put("database", DatabaseCost.perLead(dbCost, database.statementCalls(), step.sent()));
                row.put("top_statements", database.topStatements());
                row.put("records_per_produce_request",
                        ProducerBatching.recordsPerRequest(producedBefore, batching.sample()));
                row.put("hops_ms", hopsAsMap(HopBreakdown.measure(postgres, load.vendorPrefix(), from, to)));
                steps.add(step);
                rows.add(row);
                say(String.format("  p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms  alerted %d/%d  refused %d  failed %d  lag %s%s",
                        step.latency().p50(), step.latency().p99(), step.latency().p999(), step.latency().max(),
                        step.alerted(), step.sent(), step.refused(), step.failed(), lagSamples,
                        Boolean.TRUE.equals(row.get("lag_growing")) ? " (growing)" : ""));
                say(String.format("  CPU per lead %.1f ms (load generator apart); database per lead %s",
                        row.get("cpu_ms_per_lead"), row.get("database")));
                if (step.latency().p99() > options.breakdownMillis || step.missing() > step.sent() / 20) {
                    say("  latency broke down: stopping the steps here");
                    break;
                }
            }
            say("follow-ups refused or failed: " + load.followUpsFailed());
        }
        // The hops a lead takes: one HTTP accept, three Kafka hops, four committed transactions (intake, scoring,
        // routing, notification).
        double floorP50 = httpFloor.p50() + 3 * kafkaFloor.p50() + 4 * pgFloor.p50();
        double floorP99 = httpFloor.p99() + 3 * kafkaFloor.p99() + 4 * pgFloor.p99();
        // Last, so its million rows and its burst touch none of the steps above.
        Timers.Result timers = null;
        if (options.timersPending() > 0) {
            say(String.format("timers: %,d pending, a burst of %,d of them due within %d s",
                    options.timersPending(), options.timersBurst(), Timers.Plan.WINDOW.toSeconds()));
            timers = new Timers(postgres, kafka, stackDir).run(Timers.Plan.of(options.timersPending(),
                    options.timersBurst()));
            say(String.format("  lateness p50 %.0f ms p99 %.0f ms max %.0f ms; fired %d/%d, early %d, twice %d; "
                            + "notification-service %.0f MB; table and indexes %d MB; step took %.0f s",
                    timers.lateness().p50(), timers.lateness().p99(), timers.lateness().max(), timers.fired(),
                    options.timersBurst(), timers.firedEarly(), timers.firedTwice() + timers.leadsEventTwice(),
                    timers.rssPendingMb(), timers.totalBytes() >> 20, timers.stepSeconds()));
        }
        Report report = new Report(options, kafkaFloor, httpFloor, pgFloor, floorP50, floorP99, firstLead, idle, steps,
                rows, timers);
        report.write();
        say("report written to " + options.out.resolve("report.md"));
    }

    private static Thread sampler(ConsumerLag lag, List<Long> samples) {
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(2000);
                    samples.add(lag.total());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lag-sampler");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The consumers commit offsets every 5 s (Kafka's auto.commit.interval.ms, SmallRye's throttled strategy). */
    private static final int COMMIT_INTERVAL_SECONDS = 5;

    /**
     * Lag grows when the second half of the step's samples averages more than one commit interval of arrivals above
     * the first half. Committed offsets trail the work by up to that interval, so single samples saw-tooth by as
     * much; comparing the last sample with the first called a flat saw-tooth growing.
     */
    static boolean growing(List<Long> samples, int rate) {
        if (samples.size() < 4) {
            return false;
        }
        int half = samples.size() / 2;
        double first = samples.subList(0, half).stream().mapToLong(Long::longValue).average().orElse(0);
        double second = samples.subList(samples.size() - half, samples.size()).stream()
                .mapToLong(Long::longValue).average().orElse(0);
        return second - first > (double) rate * COMMIT_INTERVAL_SECONDS;
    }

    private static Map<String, Object> row(SpeedToAlert.Step step, List<Long> lag, boolean lagGrowing,
                                           Map<String, double[]> usage, double seconds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rate", step.rate());
        row.put("seconds", step.seconds());
        row.put("sent", step.sent());
        row.put("alerted", step.alerted());
        row.put("missing", step.missing());
        row.put("refused", step.refused());
        row.put("failed", step.failed());
        row.put("p50_ms", step.latency().p50());
        row.put("p99_ms", step.latency().p99());
        row.put("p999_ms", step.latency().p999());
        row.put("max_ms", step.latency().max());
        row.put("lag_samples", List.copyOf(lag));
        row.put("lag_growing", lagGrowing);
        Map<String, Object> processes = new LinkedHashMap<>();
        double cpuMsPerLead = 0;
        for (var process : usage.entrySet()) {
            double[] figures = process.getValue();
            // CPU time over the whole step (its drain included) divided by the leads it sent.
            double msPerLead = figures[0] / 100 * seconds * 1000 / Math.max(1, step.sent());
            if (!process.getKey().equals(Footprint.LOAD_GENERATOR)) {
                cpuMsPerLead += msPerLead;
            }
            processes.put(process.getKey(), Map.of("cpu_percent", Math.round(figures[0] * 10) / 10.0,
                    "cpu_ms_per_lead", Math.round(msPerLead * 100) / 100.0, "rss_mb", Math.round(figures[1])));
        }
        row.put("cpu_ms_per_lead", Math.round(cpuMsPerLead * 100) / 100.0);
        row.put("processes", processes);
        return row;
    }

    /** CPU % of one core of the stack's processes, the load generator apart. */
    static double total(Map<String, double[]> usage) {
        return usage.entrySet().stream().filter(e -> !e.getKey().equals(Footprint.LOAD_GENERATOR))
                .mapToDouble(e -> e.getValue()[0]).sum();
    }

    private static Map<String, Map<String, Double>> hopsAsMap(Map<String, double[]> hops) {
        Map<String, Map<String, Double>> map = new LinkedHashMap<>();
        hops.forEach((hop, figures) -> map.put(hop, Map.of("p50", figures[0], "p99", figures[1])));
        return map;
    }

    static void say(String line) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run deploy/bench/run.sh");
        }
        return value;
    }

    /** Command-line options; --quick for a short run; --timers 0 leaves the timer step out. */
    record Options(int[] rates, int stepSeconds, int warmupSeconds, int idleSeconds, int floorSeconds, int floorRate,
                   int vendors, int reps, int repCapacity, long drainMillis, double breakdownMillis, Path out,
                   boolean quick, int timersPending, int timersBurst) {

        static Options parse(String[] args) {
            List<String> list = Arrays.asList(args);
            boolean quick = list.contains("--quick");
            int[] rates = quick ? new int[]{10, 50} : new int[]{10, 20, 50, 100, 200, 300, 500, 1000};
            int stepSeconds = quick ? 10 : 30;
            Path out = Path.of("deploy/bench/reports/latest");
            int timersPending = quick ? 200_000 : 1_000_000;
            int timersBurst = quick ? 2_000 : 10_000;
            for (int i = 0; i < args.length - 1; i++) {
                switch (args[i]) {
                    case "--rates" -> rates = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--step-seconds" -> stepSeconds = Integer.parseInt(args[i + 1]);
                    case "--out" -> out = Path.of(args[i + 1]);
                    case "--timers" -> timersPending = Integer.parseInt(args[i + 1]);
                    case "--timers-burst" -> timersBurst = Integer.parseInt(args[i + 1]);
                    default -> {
                    }
                }
            }
            return new Options(rates, stepSeconds, quick ? 20 : 90, quick ? 10 : 30, quick ? 5 : 10, 200, 3, 20, 100,
                    15_000, 5_000, out, quick, timersPending, Math.min(timersBurst, timersPending));
        }
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private Benchmark() {
    }
}
