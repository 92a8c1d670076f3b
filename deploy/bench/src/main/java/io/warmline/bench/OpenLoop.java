package io.warmline.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * A constant arrival rate that does not wait for answers: the i-th request is due at start + i / rate, and its
 * latency is measured from that due time, so a slow system cannot hide its latency by slowing the load
 * (coordinated omission).
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /** Calls {@code send} with each request's due time (System.nanoTime) until {@code seconds} have passed. */
    static long run(int perSecond, int seconds, LongConsumer send) {
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long total = (long) perSecond * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send.accept(due);
        }
        return total;
    }
}
