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
        say("floors: Kafka hop, HTTP accept, PostgreSQL commit (" + options.floorSeconds + " s each)");
        int messageBytes = SpeedToAlert.sampleBody().length() * 3; // an event carries the lead plus its envelope
        Percentiles kafkaFloor = KafkaFloor.measure(kafka, options.floorRate, options.floorSeconds, messageBytes);
        Percentiles httpFloor = HttpFloor.measure(options.floorRate, options.floorSeconds, SpeedToAlert.sampleBody());
        Percentiles pgFloor = PostgresFloor.measure(postgres, options.floorRate * options.floorSeconds);
        say(String.format("  kafka hop p50 %.2f ms p99 %.2f ms; http accept p50 %.2f ms p99 %.2f ms; commit p50 %.2f ms p99 %.2f ms",
                kafkaFloor.p50(), kafkaFloor.p99(), httpFloor.p50(), httpFloor.p99(), pgFloor.p50(), pgFloor.p99()));
        // The hops a lead takes: one HTTP accept, three Kafka hops, four committed transactions (intake, scoring,
        // routing, notification).
        double floorP50 = httpFloor.p50() + 3 * kafkaFloor.p50() + 4 * pgFloor.p50();
        double floorP99 = httpFloor.p99() + 3 * kafkaFloor.p99() + 4 * pgFloor.p99();

        List<SpeedToAlert.Step> steps = new ArrayList<>();
        Map<String, double[]> hops;
        List<Map<String, Object>> rows = new ArrayList<>();
        Footprint footprint = new Footprint(stackDir);
        try (SpeedToAlert load = new SpeedToAlert(stack, options.vendors, options.reps, options.repCapacity, Benchmark::say);
             ConsumerLag lag = new ConsumerLag(kafka)) {
            // Five JVMs share the cores, and the JIT compilers keep them busy for the first minute or two: warm
            // up at the first rate until the stragglers have drained, then measure.
            say("warm-up: " + options.rates[0] + " leads/s for " + options.warmupSeconds() + " s (not reported)");
            load.run(options.rates[0], options.warmupSeconds(), 30_000);
            for (int rate : options.rates) {
                say("step " + rate + " leads/s for " + options.stepSeconds + " s");
                List<Long> lagSamples = new CopyOnWriteArrayList<>();
                Thread sampler = sampler(lag, lagSamples);
                var before = footprint.sample();
                long started = System.nanoTime();
                SpeedToAlert.Step step = load.run(rate, options.stepSeconds, options.drainMillis);
                double seconds = (System.nanoTime() - started) / 1e9;
                var usage = Footprint.between(before, footprint.sample(), seconds);
                sampler.interrupt();
                boolean lagGrowing = growing(lagSamples, rate);
                steps.add(step);
                rows.add(row(step, lagSamples, lagGrowing, usage));
                say(String.format("  p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms  alerted %d/%d  refused %d  failed %d  lag %s%s",
                        step.latency().p50(), step.latency().p99(), step.latency().p999(), step.latency().max(),
                        step.alerted(), step.sent(), step.refused(), step.failed(), lagSamples,
                        lagGrowing ? " (growing)" : ""));
                if (step.latency().p99() > options.breakdownMillis || step.missing() > step.sent() / 20) {
                    say("  latency broke down: stopping the steps here");
                    break;
                }
            }
            hops = HopBreakdown.measure(postgres, load.vendorPrefix());
            say("follow-ups refused or failed: " + load.followUpsFailed());
        }
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
        Report report = new Report(options, kafkaFloor, httpFloor, pgFloor, floorP50, floorP99, steps, rows, hops,
                timers);
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
                                           Map<String, double[]> usage) {
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
        row.put("lag_samples", lag);
        row.put("lag_growing", lagGrowing);
        Map<String, Object> processes = new LinkedHashMap<>();
        usage.forEach((name, figures) -> processes.put(name, Map.of("cpu_percent", Math.round(figures[0] * 10) / 10.0,
                "rss_mb", Math.round(figures[1]))));
        row.put("processes", processes);
        return row;
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
    record Options(int[] rates, int stepSeconds, int warmupSeconds, int floorSeconds, int floorRate, int vendors,
                   int reps, int repCapacity, long drainMillis, double breakdownMillis, Path out, boolean quick,
                   int timersPending, int timersBurst) {

        static Options parse(String[] args) {
            List<String> list = Arrays.asList(args);
            boolean quick = list.contains("--quick");
            int[] rates = quick ? new int[]{10, 50} : new int[]{10, 20, 50, 100, 300, 500, 1000};
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
            return new Options(rates, stepSeconds, quick ? 20 : 90, quick ? 5 : 10, 200, 3, 20, 100, 15_000, 5_000,
                    out, quick, timersPending, Math.min(timersBurst, timersPending));
        }
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private Benchmark() {
    }
}
