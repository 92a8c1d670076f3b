package io.warmline.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The figures a latency histogram is reported by, in milliseconds. */
record Percentiles(long count, double p50, double p99, double p999, double max) {

    /** Microseconds, up to an hour; safe to record into from many threads. */
    static Histogram histogram() {
        return new ConcurrentHistogram(3_600_000_000L, 3);
    }

    static Percentiles of(Histogram micros) {
        return new Percentiles(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    String row() {
        return String.format("%,d | %.1f | %.1f | %.1f | %.1f", count, p50, p99, p999, max);
    }
}
