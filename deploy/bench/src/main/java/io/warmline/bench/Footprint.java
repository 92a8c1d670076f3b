package io.warmline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time and resident memory of the stack's processes, read from /proc (Linux). */
final class Footprint {

    static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    static final String LOAD_GENERATOR = "load generator";

    private final Map<String, Long> pids = new LinkedHashMap<>();

    Footprint(Path stackDir) {
        for (String service : new String[]{"intake", "scoring", "routing", "notification"}) {
            pid(stackDir.resolve(service + "-service.pid")).ifPresent(pid -> pids.put(service + "-service", pid));
        }
        pid(stackDir.resolve("kafka.pid")).ifPresent(pid -> pids.put("kafka", pid));
        pid(stackDir.resolve("pg-data/postmaster.pid")).ifPresent(pid -> pids.put("postgresql", pid));
        pids.put(LOAD_GENERATOR, ProcessHandle.current().pid());
    }

    record Sample(long cpuTicks, long rssKb) {
    }

    Map<String, Sample> sample() {
        Map<String, Sample> samples = new LinkedHashMap<>();
        pids.forEach((name, pid) -> samples.put(name, new Sample(cpuTicks(pid, name.equals("postgresql")),
                rssKb(pid, name.equals("postgresql")))));
        return samples;
    }

    /** Per process: CPU used between two samples as % of one core, and resident memory (MB) at the second. */
    static Map<String, double[]> between(Map<String, Sample> before, Map<String, Sample> after, double seconds) {
        Map<String, double[]> usage = new LinkedHashMap<>();
        after.forEach((name, end) -> {
            Sample start = before.getOrDefault(name, end);
            usage.put(name, new double[]{100.0 * (end.cpuTicks() - start.cpuTicks()) / TICKS_PER_SECOND / seconds,
                    end.rssKb() / 1024.0});
        });
        return usage;
    }

    // PostgreSQL is a family of processes: count the postmaster and all its children.
    private static long cpuTicks(long pid, boolean withChildren) {
        long ticks = ownTicks(pid);
        if (withChildren) {
            ticks += ProcessHandle.of(pid).map(p -> p.children().mapToLong(c -> ownTicks(c.pid())).sum()).orElse(0L);
        }
        return ticks;
    }

    private static long rssKb(long pid, boolean withChildren) {
        long kb = ownRss(pid);
        if (withChildren) {
            kb += ProcessHandle.of(pid).map(p -> p.children().mapToLong(c -> ownRss(c.pid())).sum()).orElse(0L);
        }
        return kb;
    }

    private static long ownTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (Exception e) {
            return 0;
        }
    }

    private static long ownRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (Exception e) {
            return 0;
        }
    }

    private static java.util.Optional<Long> pid(Path file) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readAllLines(file).get(0).trim()));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
